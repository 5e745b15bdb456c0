package mekong.exchange.producer.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.Priority;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.tracking.SentAlert;
import mekong.exchange.producer.tracking.SentStores;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates revisions an addressee has not accepted within the service level of their
 * priority: an {@link Escalation} record on the node's escalations topic with its audit
 * event, {@code exchange_escalations_total}, a WARN log line, and a flag in the sender
 * view. A punctuator of the task that owns the alert's partition, every
 * {@code mekong.escalation.check-interval}, reads only the revisions due (the view's due
 * index); what it writes commits with the view's state, so it fires once per alert,
 * revision and addressee whatever the number of instances, restarts included.
 */
public final class Escalator implements Processor<String, Object, String, Outgoing> {

	private static final Logger log = LoggerFactory.getLogger(Escalator.class);

	private final NodeId node;

	private final EscalationProperties settings;

	private final Clock clock;

	private final MeterRegistry meters;

	private ProcessorContext<String, Outgoing> context;

	private SentStores stores;

	public Escalator(NodeId node, EscalationProperties settings, Clock clock, MeterRegistry meters) {
		this.node = node;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	@Override
	public void init(ProcessorContext<String, Outgoing> context) {
		this.context = context;
		this.stores = SentStores.of(context);
		context.schedule(this.settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME,
				(timestamp) -> escalateOverdue());
	}

	/** The view keeps what escalation reads; records need nothing more here. */
	@Override
	public void process(Record<String, Object> record) {
	}

	private void escalateOverdue() {
		Instant now = this.clock.instant();
		for (Map.Entry<Priority, Duration> sla : this.settings.sla().entrySet()) {
			for (UUID alertId : overdue(sla.getKey(), now.minus(sla.getValue()))) {
				SentAlert held = this.stores.get(alertId);
				if (held == null) {
					continue;
				}
				SentAlert escalated = held;
				for (SentAlert.AddresseeStatus status : held.awaitingAcceptance()) {
					if (!status.escalated()) {
						escalated = escalated.withEscalation(escalate(held.latest(), status, sla.getValue(), now));
					}
				}
				this.stores.put(held, escalated);
			}
		}
	}

	private List<UUID> overdue(Priority priority, Instant sentBy) {
		List<UUID> overdue = new ArrayList<>();
		try (KeyValueIterator<Bytes, byte[]> due = this.stores.due(priority, sentBy)) {
			due.forEachRemaining((record) -> overdue.add(SentStores.dueAlertOf(record.key)));
		}
		return overdue;
	}

	private Escalation escalate(Alert alert, SentAlert.AddresseeStatus status, Duration sla, Instant now) {
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
		String key = alert.getAlertId().toString();
		this.context.forward(
				new Record<>(key, new Outgoing(Topics.escalations(this.node).name(), escalation), now.toEpochMilli()));
		this.context.forward(new Record<>(key,
				new Outgoing(Topics.audit(this.node).name(), AuditEvents.escalated(escalation, this.node)),
				now.toEpochMilli()));
		Counter.builder("exchange.escalations")
			.description("Revisions an addressee did not accept within the service level of their priority")
			.tag("partner", status.node())
			.tag("priority", alert.getPriority().name())
			.register(this.meters)
			.increment();
		log.warn("ESCALATION: alert {} revision {} ({}, {}) not accepted by {} within {} (last status {})",
				alert.getAlertId(), alert.getRevision(), alert.getPriority(), alert.getCategory(), status.node(), sla,
				(status.status() != null) ? status.status() : "none");
		return escalation;
	}

}
