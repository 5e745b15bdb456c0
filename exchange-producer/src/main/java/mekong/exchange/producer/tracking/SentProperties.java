package mekong.exchange.producer.tracking;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the sender view keeps the node's own alerts.
 *
 * @param retention how long after its newest revision the view keeps an alert (its
 * content, revisions, history and escalations); then it erases it, and remembers only
 * that it existed for as long as a record of it may still be read from a topic
 * ({@code mekong.topics.retention})
 */
@ConfigurationProperties("mekong.sent")
@Validated
public record SentProperties(@DefaultValue("365d") @NotNull Duration retention) {
}
