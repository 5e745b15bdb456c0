package mekong.exchange.consumer.routing;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import mekong.exchange.avro.Alert;
import mekong.exchange.consumer.acks.Acknowledgements;
import mekong.exchange.consumer.contract.RoutingFacts;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.boot.streams.ContractValues;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.AlertFacts;
import mekong.exchange.core.routing.RoutingDecision;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision.Unroutable;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes one revision of the node's outbox: one decision per addressee; a routed revision
 * goes to the partner's inbox, and the origin gets a ROUTED or DENIED_BY_POLICY
 * acknowledgement for each; a partner whose inbox cannot be written gets a
 * DENIED_BY_POLICY acknowledgement with the reason {@value #INBOX_NOT_WRITABLE}, and the
 * others their delivery. What it writes commits with the outbox offset, in the task's
 * transaction: a crash delivers everything or nothing, never twice.
 */
final class Router implements Processor<String, Object, String, Outgoing> {

	private static final Logger log = LoggerFactory.getLogger(Router.class);

	/**
	 * The reason of a refusal that is not the agreements': the partner's inbox cannot be
	 * written (it does not exist, or this node may not write it).
	 */
	static final String INBOX_NOT_WRITABLE = "INBOX_NOT_WRITABLE";

	private final RoutingRules rules;

	private final PartnerInboxes inboxes;

	private final NodeId node;

	private final Clock clock;

	private final MeterRegistry meters;

	private ProcessorContext<String, Outgoing> context;

	Router(RoutingRules rules, PartnerInboxes inboxes, NodeId node, Clock clock, MeterRegistry meters) {
		this.rules = rules;
		this.inboxes = inboxes;
		this.node = node;
		this.clock = clock;
		this.meters = meters;
	}

	@Override
	public void init(ProcessorContext<String, Outgoing> context) {
		this.context = context;
	}

	@Override
	public void process(Record<String, Object> record) {
		Alert alert = ContractValues.alertOf(record.key(), record.value(), Topics.outbox(this.node).name());
		for (RoutingDecision decision : this.rules.decide(factsOf(alert))) {
			handle(record, alert, decision);
		}
	}

	private void handle(Record<String, Object> record, Alert alert, RoutingDecision decision) {
		String why = (decision instanceof Routed routed) ? this.inboxes.whyNotWritable(routed.to(), record.timestamp())
				: null;
		if (decision instanceof Routed routed && why != null) {
			send(record, new Outgoing(Acknowledgements.originAcks(alert),
					Acknowledgements.denied(alert, routed.to(), INBOX_NOT_WRITABLE, why, this.clock.instant())));
			count("exchange.alerts.denied", alert, routed.to(), INBOX_NOT_WRITABLE);
			log.warn("Alert {} revision {} not delivered to {}: {}", alert.getAlertId(), alert.getRevision(),
					routed.to(), why);
		}
		else if (decision instanceof Routed routed) {
			send(record, new Outgoing(Topics.inbox(routed.to()).name(), alert));
			send(record, new Outgoing(Acknowledgements.originAcks(alert),
					Acknowledgements.routed(alert, routed.to(), routed.under().value(), this.clock.instant())));
			count("exchange.alerts.routed", alert, routed.to(), null);
			log.info("Alert {} revision {} ({}) routed to {} under {}", alert.getAlertId(), alert.getRevision(),
					alert.getMessageType(), routed.to(), routed.under());
		}
		else if (decision instanceof Denied denied) {
			send(record, new Outgoing(Acknowledgements.originAcks(alert), Acknowledgements.denied(alert, denied.to(),
					denied.reason().name(), denied.detail(), this.clock.instant())));
			count("exchange.alerts.denied", alert, denied.to(), denied.reason().name());
			log.warn("Alert {} revision {} denied to {}: {} - {}", alert.getAlertId(), alert.getRevision(), denied.to(),
					denied.reason(), denied.detail());
		}
		else if (decision instanceof Unroutable unroutable) {
			send(record, new Outgoing(Acknowledgements.originAcks(alert), Acknowledgements.denied(alert, this.node,
					"UNROUTABLE", unroutable.detail(), this.clock.instant())));
			count("exchange.alerts.denied", alert, this.node, "UNROUTABLE");
			log.warn("Alert {} revision {} unroutable: {}", alert.getAlertId(), alert.getRevision(),
					unroutable.detail());
		}
		else {
			throw new IllegalStateException("Unhandled routing decision " + decision);
		}
	}

	/** A new record: the outbox record's headers (a desk's idempotency key) stay home. */
	private void send(Record<String, Object> record, Outgoing outgoing) {
		this.context.forward(new Record<>(record.key(), outgoing, this.clock.millis(), new RecordHeaders()));
	}

	private AlertFacts factsOf(Alert alert) {
		if (!this.node.code().equals(alert.getOrigin().getNodeId())) {
			throw new RejectedRecordException("FOREIGN_ORIGIN", "Alert " + alert.getAlertId() + " in the outbox of "
					+ this.node + " claims origin " + alert.getOrigin().getNodeId());
		}
		return RoutingFacts.of(alert);
	}

	private void count(String meter, Alert alert, NodeId partner, String reason) {
		Counter.builder(meter)
			.tag("partner", partner.code())
			.tag("category", alert.getCategory().name())
			.tag("priority", alert.getPriority().name())
			.tags((reason != null) ? Tags.of("reason", reason) : Tags.empty())
			.register(this.meters)
			.increment();
	}

}
