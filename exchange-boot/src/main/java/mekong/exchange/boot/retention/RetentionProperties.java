package mekong.exchange.boot.retention;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a node erases what it may no longer keep. Each side looks, on the wall clock, for
 * alerts whose time has passed (the agreement's retention for what the node received,
 * {@code mekong.sent.retention} for what it sent) and erases them; it then remembers only
 * their ids, for as long as a record of them could still be read again from a topic
 * ({@code mekong.topics.retention}), and then forgets them too.
 *
 * @param checkInterval how often each task looks for what to erase
 * @param erasedPerCheck the most alerts a task erases in one look (one transaction); the
 * rest waits for the next look
 */
@ConfigurationProperties("mekong.retention")
@Validated
public record RetentionProperties(@NotNull Duration checkInterval, @DefaultValue("1000") @Min(1) int erasedPerCheck) {
}
