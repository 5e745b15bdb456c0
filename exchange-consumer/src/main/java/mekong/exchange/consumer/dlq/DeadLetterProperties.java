package mekong.exchange.consumer.dlq;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long a record that fails for a passing reason (a broker or registry outage) is
 * retried before it goes to the dead-letter topic. Records that can never succeed
 * (undecodable, unknown schema, rejected) go there at once.
 */
@ConfigurationProperties("mekong.dead-letter")
@Validated
record DeadLetterProperties(@NotNull Duration retryInterval, @Min(0) long retries) {
}
