package mekong.exchange.consumer.receiving;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.consumer.acks.Acknowledgements;
import mekong.exchange.consumer.contract.RoutingFacts;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.ContractValues;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.audit.AuditEvents;
import mekong.exchange.core.dedup.Receipt;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.AlertFacts;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.core.text.LogSafe;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives partners' alerts from the node's inbox, exactly once per revision: a revision
 * is taken only if it is newer than the one held in the receipts store; taking it writes
 * it to the node's {@code received} topic (the inbox's history), a RECEIVED
 * acknowledgement to the origin and an audit event, in the task's transaction with the
 * inbox offset and the store's changelog. Duplicates and stale revisions are skipped.
 * Alerts from nodes this node has no agreement with, alerts not addressed to this node or
 * not allowed here by an agreement, and revisions by another node than the alert's
 * origin, go to the dead-letter topic.
 */
final class Receiver implements Processor<String, Object, String, Outgoing> {

	/**
	 * The newest revision taken of each alert, and its origin: the receiver's dedup
	 * state.
	 */
	static final String RECEIPTS = "inbox-receipts";

	private static final Logger log = LoggerFactory.getLogger(Receiver.class);

	private final AgreementBook agreements;

	private final RoutingRules rules;

	private final NodeId node;

	private final Clock clock;

	private final MeterRegistry meters;

	private ProcessorContext<String, Outgoing> context;

	private KeyValueStore<String, Receipt.Taken> receipts;

	Receiver(AgreementBook agreements, RoutingRules rules, NodeId node, Clock clock, MeterRegistry meters) {
		this.agreements = agreements;
		this.rules = rules;
		this.node = node;
		this.clock = clock;
		this.meters = meters;
	}

	@Override
	public void init(ProcessorContext<String, Outgoing> context) {
		this.context = context;
		this.receipts = context.getStateStore(RECEIPTS);
	}

	@Override
	public void process(Record<String, Object> record) {
		Alert alert = ContractValues.alertOf(record.key(), record.value(), Topics.inbox(this.node).name());
		checkOrigin(alert);
		checkAddressedHere(alert);
		Receipt receipt = Receipt.judge(this.receipts.get(record.key()), NodeId.of(alert.getOrigin().getNodeId()),
				alert.getRevision());
		if (receipt instanceof Receipt.Take) {
			take(record.key(), alert);
		}
		else if (receipt instanceof Receipt.Duplicate) {
			count("exchange.alerts.duplicates", alert, "duplicate");
			log.info("Alert {} revision {} from {} already received; skipped", LogSafe.text(alert.getAlertId()),
					alert.getRevision(), alert.getOrigin().getNodeId());
		}
		else if (receipt instanceof Receipt.Stale stale) {
			count("exchange.alerts.duplicates", alert, "stale");
			log.warn("Alert {} revision {} from {} is older than revision {} already received; skipped",
					LogSafe.text(alert.getAlertId()), alert.getRevision(), alert.getOrigin().getNodeId(),
					stale.newest());
		}
		else if (receipt instanceof Receipt.NotFromOrigin foreign) {
			throw new RejectedRecordException("REVISION_NOT_FROM_ORIGIN",
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision() + " claims origin "
							+ foreign.claimed() + ", but the alert was opened by " + foreign.origin()
							+ ": only the origin revises an alert");
		}
		else {
			throw new IllegalStateException("Unhandled receipt " + receipt);
		}
	}

	private void take(String key, Alert alert) {
		Instant now = this.clock.instant();
		NodeId origin = NodeId.of(alert.getOrigin().getNodeId());
		this.receipts.put(key, new Receipt.Taken(origin, alert.getRevision()));
		Acknowledgement receipt = Acknowledgements.received(alert, this.node, now);
		send(key, now, new Outgoing(Topics.received(this.node).name(), alert));
		send(key, now, new Outgoing(Acknowledgements.originAcks(alert), receipt));
		send(key, now, new Outgoing(Topics.audit(this.node).name(), AuditEvents.acknowledged(receipt, origin.code())));
		count("exchange.alerts.received", alert, null);
		log.info("Alert {} revision {} ({}) from {} received", LogSafe.text(alert.getAlertId()), alert.getRevision(),
				alert.getMessageType(), origin);
	}

	private void send(String key, Instant at, Outgoing outgoing) {
		this.context.forward(new Record<>(key, outgoing, at.toEpochMilli(), new RecordHeaders()));
	}

	private void checkOrigin(Alert alert) {
		String origin = alert.getOrigin().getNodeId();
		if (!NodeId.isValid(origin) || !this.agreements.partnersOf(this.node).contains(NodeId.of(origin))) {
			throw new RejectedRecordException("UNKNOWN_ORIGIN", "Alert " + alert.getAlertId() + " comes from " + origin
					+ ", with which " + this.node + " has no agreement");
		}
	}

	/**
	 * An alert validly signed by a partner may still have been written into the wrong
	 * inbox, or replayed into it from another: it is taken only if it names this node, or
	 * names nobody, and an agreement allows it here.
	 */
	private void checkAddressedHere(Alert alert) {
		AlertFacts facts = RoutingFacts.of(alert);
		if (!facts.addressees().isEmpty() && !facts.addressees().contains(this.node)) {
			throw new RejectedRecordException("NOT_ADDRESSED_HERE", "Alert " + alert.getAlertId() + " revision "
					+ alert.getRevision() + " is addressed to " + facts.addressees() + ", not to " + this.node);
		}
		if (this.rules.decideFor(facts, this.node) instanceof Denied denied) {
			throw new RejectedRecordException("NOT_PERMITTED_HERE",
					"Alert " + alert.getAlertId() + " revision " + alert.getRevision() + " may not come to " + this.node
							+ ": " + denied.reason() + ", " + denied.detail());
		}
	}

	private void count(String meter, Alert alert, String kind) {
		Counter.builder(meter)
			.tag("origin", alert.getOrigin().getNodeId())
			.tag("category", alert.getCategory().name())
			.tag("priority", alert.getPriority().name())
			.tags((kind != null) ? Tags.of("kind", kind) : Tags.empty())
			.register(this.meters)
			.increment();
	}

}
