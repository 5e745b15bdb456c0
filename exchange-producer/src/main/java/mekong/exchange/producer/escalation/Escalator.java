package mekong.exchange.producer.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.tracking.SentAlert;
import mekong.exchange.producer.tracking.SentAlerts;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Escalates revisions an addressee has not accepted within the service level of their
 * priority: an {@link Escalation} record on the node's escalations topic,
 * {@code exchange_escalations_total}, a WARN log line, and a flag in the sender view.
 * Fires once per alert, revision and addressee; the escalations topic is read back at
 * start-up, so a restart does not fire again.
 */
@Component
class Escalator {

	private static final Logger log = LoggerFactory.getLogger(Escalator.class);

	private final SentAlerts sentAlerts;

	private final KafkaTemplate<String, Object> kafka;

	private final NodeId node;

	private final String escalations;

	private final EscalationProperties settings;

	private final Clock clock;

	private final MeterRegistry meters;

	Escalator(SentAlerts sentAlerts, KafkaTemplate<String, Object> kafka, NodeProperties node,
			EscalationProperties settings, Clock clock, MeterRegistry meters) {
		this.sentAlerts = sentAlerts;
		this.kafka = kafka;
		this.node = node.id();
		this.escalations = Topics.escalations(node.id()).name();
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	@Scheduled(fixedDelayString = "${mekong.escalation.check-interval}",
			initialDelayString = "${mekong.escalation.check-interval}")
	void escalateOverdue() {
		Instant now = this.clock.instant();
		for (SentAlert alert : this.sentAlerts.newest(Integer.MAX_VALUE)) {
			Alert latest = alert.latest();
			Duration sla = this.settings.sla().get(latest.getPriority());
			if (alert.cancelled() || sla == null || now.isBefore(latest.getSentAt().plus(sla))) {
				continue;
			}
			alert.addressees()
				.values()
				.stream()
				.filter((status) -> status.awaitingAcceptance() && !status.escalated())
				.forEach((status) -> escalate(latest, status, sla, now));
		}
	}

	private void escalate(Alert alert, SentAlert.AddresseeStatus status, Duration sla, Instant now) {
		Escalation escalation = Escalation.newBuilder()
			.setAlertId(alert.getAlertId())
			.setRevision(alert.getRevision())
			.setAddressee(status.node())
			.setPriority(alert.getPriority().name())
			.setSentAt(alert.getSentAt())
			.setDeadline(alert.getSentAt().plus(sla))
			.setEscalatedAt(now)
			.setLastStatus((status.status() != null) ? status.status().name() : null)
			.build();
		try {
			this.kafka.executeInTransaction((operations) -> {
				operations.send(AuditEvents.toAuditOf(this.node, AuditEvents.escalated(escalation, this.node)));
				return operations
					.send(new ProducerRecord<>(this.escalations, alert.getAlertId().toString(), escalation));
			}).get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			log.error("Could not record the escalation of alert {} revision {} at {}; retrying at the next check",
					alert.getAlertId(), alert.getRevision(), status.node(), ex);
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		this.sentAlerts.escalated(escalation);
		Counter.builder("exchange.escalations")
			.description("Revisions an addressee did not accept within the service level of their priority")
			.tag("partner", status.node())
			.tag("priority", alert.getPriority().name())
			.register(this.meters)
			.increment();
		log.warn("ESCALATION: alert {} revision {} ({}, {}) not accepted by {} within {} (last status {})",
				alert.getAlertId(), alert.getRevision(), alert.getPriority(), alert.getCategory(), status.node(), sla,
				(status.status() != null) ? status.status() : "none");
	}

}
