package mekong.exchange.producer.tracking;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import mekong.exchange.avro.AckStatus;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.boot.streams.ContractValues;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.ViewChanges;
import mekong.exchange.core.acks.AckWriters;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.publish.OutboxHeaders;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Keeps the sender view from the node's committed outbox (what its desks sent, with the
 * request that produced each revision), acks topic (what happened at each addressee),
 * escalations topic, and the audit events of its own alerts. Measures the time from
 * sending a revision to its acceptance ({@code exchange_ack_latency_seconds}).
 * <p>
 * It is the one reader of the acks topic, which partners write: each acknowledgement it
 * takes is recorded in the node's audit topic. An addressee's acknowledgement counts only
 * for a revision the node's router delivered to that addressee (the router's ROUTED comes
 * first on the same partition); any other is rejected, for the dead-letter topic.
 */
public final class SentView implements Processor<String, Object, String, Outgoing> {

	private final NodeId node;

	private final ViewChanges changes;

	private final MeterRegistry meters;

	private final Instant startedAt;

	private final String outbox;

	private final String acks;

	private final String escalations;

	private final String audit;

	private ProcessorContext<String, Outgoing> context;

	private SentStores stores;

	/**
	 * @param startedAt acceptances from before this instant are history read again, not
	 * measured again
	 */
	public SentView(NodeId node, ViewChanges changes, MeterRegistry meters, Instant startedAt) {
		this.node = node;
		this.outbox = Topics.outbox(node).name();
		this.acks = Topics.acks(node).name();
		this.escalations = Topics.escalations(node).name();
		this.audit = Topics.audit(node).name();
		this.changes = changes;
		this.meters = meters;
		this.startedAt = startedAt;
	}

	@Override
	public void init(ProcessorContext<String, Outgoing> context) {
		this.context = context;
		this.stores = SentStores.of(context);
	}

	@Override
	public void process(Record<String, Object> record) {
		RecordMetadata read = this.context.recordMetadata().orElseThrow();
		String topic = read.topic();
		UUID alertId;
		if (topic.equals(this.outbox)) {
			Alert alert = ContractValues.alertOf(record.key(), record.value(), topic);
			alertId = alert.getAlertId();
			update(alertId, (held) -> held.withRevision(alert, requestOf(record.headers(), alert)));
		}
		else if (topic.equals(this.acks)) {
			Acknowledgement ack = ContractValues.require(record.value(), Acknowledgement.class, topic);
			alertId = ack.getAlertId();
			SentAlert updated = update(alertId, (held) -> checkDelivered(held, ack).withAck(ack));
			measureAcceptance(updated, ack);
			this.context
				.forward(record.withValue(new Outgoing(this.audit, AuditEvents.acknowledged(ack, this.node.code()))));
		}
		else if (topic.equals(this.escalations)) {
			Escalation escalation = ContractValues.require(record.value(), Escalation.class, topic);
			alertId = escalation.getAlertId();
			update(alertId, (held) -> held.withEscalation(escalation));
		}
		else if (topic.equals(this.audit)) {
			AuditEvent event = ContractValues.require(record.value(), AuditEvent.class, topic);
			if (!this.node.code().equals(event.getOrigin())) {
				return;
			}
			alertId = event.getAlertId();
			this.stores.addAudit(event, read.offset());
		}
		else {
			throw new IllegalStateException("The sender view does not read " + topic);
		}
		this.changes.changed(alertId);
	}

	private SentAlert update(UUID alertId, UnaryOperator<SentAlert> change) {
		SentAlert held = this.stores.get(alertId);
		SentAlert updated = change.apply((held != null) ? held : SentAlert.empty(alertId));
		this.stores.put(held, updated);
		return updated;
	}

	private static SentAlert checkDelivered(SentAlert held, Acknowledgement ack) {
		if (AckWriters.byOriginsRouter(ack.getStatus()) || held.routedTo(ack.getRecipientNode(), ack.getRevision())) {
			return held;
		}
		String what = ack.getStatus() + " acknowledgement from " + ack.getRecipientNode() + " of alert "
				+ ack.getAlertId() + " revision " + ack.getRevision();
		if (held.unknown()) {
			throw new RejectedRecordException("ACK_FOR_UNKNOWN_ALERT", what + ": this node sent no such alert");
		}
		throw new RejectedRecordException("ACK_FROM_NON_ADDRESSEE",
				what + ": this node's router never delivered that revision to " + ack.getRecipientNode());
	}

	private void measureAcceptance(SentAlert alert, Acknowledgement ack) {
		if (ack.getStatus() != AckStatus.ACCEPTED || ack.getAt().isBefore(this.startedAt)) {
			return;
		}
		alert.revisions()
			.stream()
			.filter((revision) -> revision.getRevision() == ack.getRevision())
			.findFirst()
			.ifPresent((revision) -> Timer.builder("exchange.ack.latency")
				.description("Time from sending a revision to its acceptance by an addressee's desk")
				.tag("partner", ack.getRecipientNode())
				.tag("priority", revision.getPriority().name())
				.serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
						Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4))
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofSeconds(1))
				.maximumExpectedValue(Duration.ofHours(24))
				.register(this.meters)
				.record(Duration.between(revision.getSentAt(), ack.getAt())));
	}

	private static IdempotentRequest requestOf(Headers headers, Alert alert) {
		Header key = headers.lastHeader(OutboxHeaders.IDEMPOTENCY_KEY);
		Header fingerprint = headers.lastHeader(OutboxHeaders.REQUEST_FINGERPRINT);
		if (key == null || fingerprint == null) {
			return null;
		}
		return new IdempotentRequest(new String(key.value(), StandardCharsets.UTF_8),
				new String(fingerprint.value(), StandardCharsets.UTF_8), alert.getRevision());
	}

}
