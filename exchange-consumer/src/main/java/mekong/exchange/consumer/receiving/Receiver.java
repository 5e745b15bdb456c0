package mekong.exchange.consumer.receiving;

import java.time.Duration;
import java.time.Instant;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.boot.agreements.RoutingFacts;
import mekong.exchange.boot.metrics.CounterFamily;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.DeadLetterReason;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.consumer.inbox.InboxStores;
import mekong.exchange.consumer.inbox.InboxView;
import mekong.exchange.core.acks.Acknowledgements;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.agreements.AgreementId;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.dedup.Receipt;
import mekong.exchange.core.ids.OriginIds;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.AlertFacts;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision;
import mekong.exchange.core.text.LogSafe;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives partners' alerts from the node's inbox, exactly once per revision, and keeps
 * them in the inbox in the same step: a revision is taken only if it is newer than the
 * one the inbox holds of the alert (an erased alert included); taking it writes the
 * inbox's records, a RECEIVED acknowledgement to the origin and an audit event, in the
 * task's transaction with the inbox offset. Duplicates and stale revisions are skipped.
 * Alerts from nodes this node has no agreement with, alerts not addressed to this node or
 * not allowed here by an agreement (judged on this node's clock too), revisions by
 * another node than the alert's origin, ids in another origin's space
 * ({@link OriginIds}), and revisions past the limit go to the dead-letter topic. A
 * withdrawal of an alert the inbox holds is taken even after its agreement ended.
 */
final class Receiver implements Processor<String, Alert, String, SpecificRecord> {

	private static final Logger log = LoggerFactory.getLogger(Receiver.class);

	private final Receiving receiving;

	private final CounterFamily received;

	private final CounterFamily duplicates;

	private ProcessorContext<String, SpecificRecord> context;

	private final TaskIndexes rebuilds;

	private InboxStores stores;

	private InboxView inbox;

	Receiver(Receiving receiving, TaskIndexes rebuilds) {
		this.receiving = receiving;
		this.rebuilds = rebuilds;
		this.received = new CounterFamily(receiving.meters(), "exchange.alerts.received",
				"Alert revisions the receiver took from partners", "origin", "category", "priority");
		this.duplicates = new CounterFamily(receiving.meters(), "exchange.alerts.duplicates",
				"Alert revisions the receiver had taken already, or newer ones", "origin", "category", "priority",
				"kind");
	}

	@Override
	public void init(ProcessorContext<String, SpecificRecord> context) {
		this.context = context;
		this.stores = InboxStores.of(context, this.rebuilds, TaskIndexes.Holder.UPKEEP);
		this.inbox = this.receiving.view(this.stores);
		this.receiving.scheduleUpkeep(context, this.inbox);
	}

	@Override
	public void close() {
		this.stores.close(this.context, this.rebuilds);
	}

	@Override
	public void process(Record<String, Alert> record) {
		this.inbox.checkIndexes();
		Alert alert = record.value();
		AlertIds.requireKey(record.key(), alert.getAlertId());
		NodeId origin = checkOrigin(alert);
		if (!OriginIds.mayOpen(origin, alert.getAlertId())) {
			throw new RejectedRecordException(DeadLetterReason.ALERT_ID_OF_ANOTHER_ORIGIN,
					"Alert " + alert.getAlertId() + " from " + origin + " carries the id of another origin's alert");
		}
		AlertFacts facts = RoutingFacts.of(alert);
		InboxHead held = this.inbox.head(alert.getAlertId());
		checkAddressedHere(alert, facts, held);
		Receipt receipt = Receipt.judge(
				(held != null) ? new Receipt.Taken(NodeId.of(held.getOrigin()), held.getRevision()) : null, origin,
				alert.getRevision());
		if (receipt instanceof Receipt.Take) {
			take(record, alert, facts, held);
		}
		else if (receipt instanceof Receipt.Duplicate) {
			count(this.duplicates, alert, "duplicate");
			log.debug("Alert {} revision {} from {} already received; skipped", LogSafe.text(alert.getAlertId()),
					alert.getRevision(), origin);
		}
		else if (receipt instanceof Receipt.Stale stale) {
			count(this.duplicates, alert, "stale");
			log.debug("Alert {} revision {} from {} is older than revision {} already received; skipped",
					LogSafe.text(alert.getAlertId()), alert.getRevision(), origin, stale.newest());
		}
		else if (receipt instanceof Receipt.NotFromOrigin foreign) {
			throw new RejectedRecordException(DeadLetterReason.REVISION_NOT_FROM_ORIGIN,
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision() + " claims origin "
							+ foreign.claimed() + ", but the alert was opened by " + foreign.origin()
							+ ": only the origin revises an alert");
		}
		else {
			throw new IllegalStateException("Unhandled receipt " + receipt);
		}
	}

	private void take(Record<String, Alert> record, Alert alert, AlertFacts facts, InboxHead held) {
		Instant now = this.receiving.clock().instant();
		AgreementId earlier = (held != null && held.getErasedAt() == null) ? new AgreementId(held.getAgreement())
				: null;
		RoutingDecision decision = this.receiving.rules().decideFor(facts, this.receiving.node(), now, earlier);
		if (decision instanceof Denied denied) {
			throw new RejectedRecordException(DeadLetterReason.NOT_PERMITTED_HERE,
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision() + " may not come to "
							+ this.receiving.node() + ": " + denied.reason() + ", " + denied.detail());
		}
		if (alert.getRevision() > this.receiving.limits().revisionsPerAlert()) {
			throw new RejectedRecordException(DeadLetterReason.REVISION_LIMIT, "Alert " + alert.getAlertId()
					+ " revision " + alert.getRevision() + " is past mekong.limits.revisions-per-alert");
		}
		AgreementId under = ((Routed) decision).under();
		Duration retention = this.receiving.agreements()
			.find(under)
			.map(Agreement::retention)
			.orElse(Agreement.DEFAULT_RETENTION);
		this.inbox.take(alert, under.value(), retention, now);
		Acknowledgement receipt = Acknowledgements.received(alert, this.receiving.node(), now);
		String origin = alert.getOrigin().getNodeId();
		this.context.forward(new Record<>(record.key(), receipt, record.timestamp(), new RecordHeaders()),
				Receiving.acksSink(origin));
		this.context.forward(new Record<>(record.key(), AuditEvents.acknowledged(receipt, origin), record.timestamp(),
				new RecordHeaders()), Receiving.AUDIT_SINK);
		count(this.received, alert, null);
		log.debug("Alert {} revision {} ({}) from {} received", LogSafe.text(alert.getAlertId()), alert.getRevision(),
				alert.getMessageType(), origin);
	}

	private NodeId checkOrigin(Alert alert) {
		String origin = alert.getOrigin().getNodeId();
		if (!NodeId.isValid(origin)
				|| !this.receiving.agreements().partnersOf(this.receiving.node()).contains(NodeId.of(origin))) {
			throw new RejectedRecordException(DeadLetterReason.UNKNOWN_ORIGIN, "Alert " + alert.getAlertId()
					+ " comes from " + origin + ", with which " + this.receiving.node() + " has no agreement");
		}
		return NodeId.of(origin);
	}

	/**
	 * An alert validly signed by a partner may still have been written into the wrong
	 * inbox, or replayed into it from another: it is taken only if it names this node, or
	 * names nobody, or withdraws an alert this node holds (an update may have dropped
	 * this node from the addressees: the origin's router sends the withdrawal wherever
	 * the alert went).
	 */
	private void checkAddressedHere(Alert alert, AlertFacts facts, InboxHead held) {
		boolean withdrawsWhatIsHeld = facts.withdrawal() && held != null && held.getErasedAt() == null;
		if (!facts.addressees().isEmpty() && !facts.addressees().contains(this.receiving.node())
				&& !withdrawsWhatIsHeld) {
			throw new RejectedRecordException(DeadLetterReason.NOT_ADDRESSED_HERE,
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision() + " is addressed to "
							+ facts.addressees() + ", not to " + this.receiving.node());
		}
	}

	private void count(CounterFamily counters, Alert alert, String kind) {
		if (kind == null) {
			counters.increment(alert.getOrigin().getNodeId(), alert.getCategory().name(), alert.getPriority().name());
		}
		else {
			counters.increment(alert.getOrigin().getNodeId(), alert.getCategory().name(), alert.getPriority().name(),
					kind);
		}
	}

}
