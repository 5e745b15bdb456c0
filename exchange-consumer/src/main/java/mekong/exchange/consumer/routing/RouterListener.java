package mekong.exchange.consumer.routing;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import mekong.exchange.avro.Alert;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.consumer.acks.Acknowledgements;
import mekong.exchange.consumer.dlq.RejectedRecordException;
import mekong.exchange.consumer.dlq.ListenerBatches;
import mekong.exchange.core.agreements.CrimeCategory;
import mekong.exchange.core.agreements.TrafficLight;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.AlertFacts;
import mekong.exchange.core.routing.RoutingDecision;
import mekong.exchange.core.routing.RoutingDecision.Denied;
import mekong.exchange.core.routing.RoutingDecision.Routed;
import mekong.exchange.core.routing.RoutingDecision.Unroutable;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.core.topics.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.stereotype.Component;

/**
 * Routes the node's outbox: for each revision, one decision per addressee; a routed
 * revision goes to the partner's inbox, and the origin gets a ROUTED or DENIED_BY_POLICY
 * acknowledgement for each. All of it, for all the revisions of one poll, with their
 * outbox offsets, is one Kafka transaction: a crash delivers everything or nothing, never
 * twice.
 */
@Component
class RouterListener {

	private static final Logger log = LoggerFactory.getLogger(RouterListener.class);

	private final RoutingRules rules;

	private final KafkaOperations<String, Object> kafka;

	private final NodeId node;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ListenerBatches batches;

	RouterListener(RoutingRules rules, KafkaOperations<String, Object> kafka, NodeProperties node, Clock clock,
			MeterRegistry meters, ListenerBatches batches) {
		this.rules = rules;
		this.kafka = kafka;
		this.node = node.id();
		this.clock = clock;
		this.meters = meters;
		this.batches = batches;
	}

	@KafkaListener(id = "router-${mekong.node.id}", groupId = "mekong-${mekong.node.id}-router",
			topics = "#{@nodeTopics.outbox}", batch = "true")
	void route(List<ConsumerRecord<String, Alert>> records) {
		this.batches.process(records, this::route);
	}

	private void route(ConsumerRecord<String, Alert> record) {
		for (RoutingDecision decision : this.rules.decide(factsOf(record))) {
			handle(record.value(), decision);
		}
	}

	private void handle(Alert alert, RoutingDecision decision) {
		if (decision instanceof Routed routed) {
			this.kafka
				.send(new ProducerRecord<>(Topics.inbox(routed.to()).name(), alert.getAlertId().toString(), alert));
			this.kafka.send(Acknowledgements.routed(alert, routed.to(), routed.under().value(), this.clock.instant()));
			count("exchange.alerts.routed", alert, routed.to(), null);
			log.info("Alert {} revision {} ({}) routed to {} under {}", alert.getAlertId(), alert.getRevision(),
					alert.getMessageType(), routed.to(), routed.under());
		}
		else if (decision instanceof Denied denied) {
			this.kafka.send(Acknowledgements.denied(alert, denied.to(), denied.reason().name(), denied.detail(),
					this.clock.instant()));
			count("exchange.alerts.denied", alert, denied.to(), denied.reason().name());
			log.warn("Alert {} revision {} denied to {}: {} - {}", alert.getAlertId(), alert.getRevision(), denied.to(),
					denied.reason(), denied.detail());
		}
		else if (decision instanceof Unroutable unroutable) {
			this.kafka.send(
					Acknowledgements.denied(alert, this.node, "UNROUTABLE", unroutable.detail(), this.clock.instant()));
			count("exchange.alerts.denied", alert, this.node, "UNROUTABLE");
			log.warn("Alert {} revision {} unroutable: {}", alert.getAlertId(), alert.getRevision(),
					unroutable.detail());
		}
		else {
			throw new IllegalStateException("Unhandled routing decision " + decision);
		}
	}

	private AlertFacts factsOf(ConsumerRecord<String, Alert> record) {
		Alert alert = record.value();
		if (!alert.getAlertId().toString().equals(record.key())) {
			throw new RejectedRecordException("KEY_NOT_ALERT_ID",
					"Record key " + record.key() + " is not the alert id " + alert.getAlertId());
		}
		if (!this.node.code().equals(alert.getOrigin().getNodeId())) {
			throw new RejectedRecordException("FOREIGN_ORIGIN", "Alert " + alert.getAlertId() + " in the outbox of "
					+ this.node + " claims origin " + alert.getOrigin().getNodeId());
		}
		Set<NodeId> addressees;
		try {
			addressees = alert.getAddressees().stream().map(NodeId::of).collect(Collectors.toSet());
		}
		catch (IllegalArgumentException ex) {
			throw new RejectedRecordException("MALFORMED_ADDRESSEE",
					"Alert " + alert.getAlertId() + " names an addressee that is not a node: " + ex.getMessage());
		}
		return new AlertFacts(alert.getAlertId(), alert.getRevision(), this.node, addressees,
				CrimeCategory.named(alert.getCategory().name()),
				TrafficLight.named(alert.getHandling().getTlp().name()), alert.getSentAt());
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
