package mekong.exchange.producer.escalation;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import mekong.exchange.avro.Priority;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When an unaccepted alert is escalated.
 *
 * @param sla per priority, how long an addressee has to accept a revision; priorities
 * without one are never escalated (by default only FLASH, 15 minutes)
 * @param checkInterval how often overdue revisions are looked for
 */
@ConfigurationProperties("mekong.escalation")
@Validated
public record EscalationProperties(@NotNull Map<Priority, Duration> sla, @NotNull Duration checkInterval) {
}
