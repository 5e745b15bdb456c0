package mekong.exchange.producer.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.avro.Escalation;
import mekong.exchange.avro.Priority;
import mekong.exchange.boot.metrics.CounterFamily;
import mekong.exchange.boot.streams.UpkeepStep;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.producer.tracking.SentView;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Escalates revisions an addressee has not accepted within the service level of their
 * priority: an {@link Escalation} record on the node's escalations topic with its audit
 * event, {@code exchange_escalations_total}, a WARN log line, and a flag in the sender
 * view. Run by a punctuator of the task that owns the alert's partition, every
 * {@code mekong.escalation.check-interval}, it reads only the revisions due (the view's
 * due index); what it writes commits with the view's state, so it fires once per alert,
 * revision and addressee whatever the number of instances, restarts included.
 */
public final class Escalator {

	private static final Logger log = LoggerFactory.getLogger(Escalator.class);

	private final NodeId node;

	private final EscalationProperties settings;

	private final CounterFamily escalations;

	public Escalator(NodeId node, EscalationProperties settings, MeterRegistry meters) {
		this.node = node;
		this.settings = settings;
		this.escalations = new CounterFamily(meters, "exchange.escalations",
				"Revisions an addressee did not accept within the service level of their priority", "partner",
				"priority");
	}

	/** How often the task looks for overdue revisions. */
	public Duration checkInterval() {
		return this.settings.checkInterval();
	}

	/**
	 * Escalates what is overdue at {@code now} in the task of {@code context}.
	 * @param timestamp the timestamp of the records it writes: the punctuation's, on
	 * Kafka's clock
	 */
	public void escalateOverdue(SentView view, ProcessorContext<String, SpecificRecord> context, Instant now,
			long timestamp, UpkeepStep step) {
		for (Map.Entry<Priority, Duration> sla : this.settings.sla().entrySet()) {
			for (Escalation escalation : view.escalate(sla.getKey(), sla.getValue(), now, step)) {
				String key = escalation.getAlertId().toString();
				context.forward(new Record<>(key, escalation, timestamp, new RecordHeaders()),
						SentView.ESCALATIONS_SINK);
				context.forward(
						new Record<>(key, AuditEvents.escalated(escalation, this.node), timestamp, new RecordHeaders()),
						SentView.AUDIT_SINK);
				this.escalations.increment(escalation.getAddressee(), escalation.getPriority());
				log.warn("ESCALATION: alert {} revision {} ({}) not accepted by {} within {} (last status {})",
						escalation.getAlertId(), escalation.getRevision(), escalation.getPriority(),
						escalation.getAddressee(), sla.getValue(), escalation.getLastStatus());
			}
		}
	}

}
