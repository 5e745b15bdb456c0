package mekong.exchange.boot.kafka;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the node creates its own topics. Partners' topics are created by the partners.
 *
 * @param partitions partitions of each topic; alerts are keyed by id, so more partitions
 * means more parallel routing and receiving
 * @param replicationFactor copies of each partition; 3 on a production cluster, 1 on a
 * single broker
 * @param retention how long records of non-compacted topics are kept: how long a record
 * waits for a node or a border link that is down; a node remembers an erased alert this
 * long, so that a late copy is not taken again, and refuses to start if an agreement lets
 * it keep alerts for a shorter time
 * @param auditRetention how long the audit topic is kept; it holds no alert content, so
 * it can outlive the alerts by years
 */
@ConfigurationProperties("mekong.topics")
@Validated
public record TopicProperties(@Min(1) int partitions, @Min(1) short replicationFactor, @NotNull Duration retention,
		@NotNull Duration auditRetention) {
}
