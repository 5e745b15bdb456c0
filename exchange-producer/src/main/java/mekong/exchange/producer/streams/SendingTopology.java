package mekong.exchange.producer.streams;

import java.time.Clock;
import java.time.Duration;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.avro.Escalation;
import mekong.exchange.boot.streams.NodeSerdes;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.routing.PartnerInboxCheck;
import mekong.exchange.producer.routing.Router;
import mekong.exchange.producer.routing.Sending;
import mekong.exchange.producer.tracking.AckTaker;
import mekong.exchange.producer.tracking.SentStores;
import mekong.exchange.producer.tracking.SentView;
import mekong.exchange.producer.tracking.SentWatchers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;

/**
 * The sending side's topology, one task per partition of the outbox and the acks topic
 * (both keyed by alert id, so one task holds all of an alert): the router reads the
 * outbox, delivers to partners' inboxes and records its decisions in the sender view; the
 * acknowledgement taker reads what addressees write to the acks topic into the same view;
 * both write the node's audit topic, and each task escalates and erases on the wall
 * clock. Nothing the node decides is read back from a topic.
 */
final class SendingTopology implements KafkaStreamsInfrastructureCustomizer {

	private final NodeId node;

	private final NodeSerdes serdes;

	private final RoutingRules rules;

	private final AgreementBook agreements;

	private final PartnerInboxCheck inboxes;

	private final Sending sending;

	private final SentWatchers watchers;

	private final Clock clock;

	private final Duration longestKept;

	SendingTopology(NodeId node, NodeSerdes serdes, RoutingRules rules, AgreementBook agreements,
			PartnerInboxCheck inboxes, Sending sending, SentWatchers watchers, Clock clock) {
		this.node = node;
		this.serdes = serdes;
		this.rules = rules;
		this.agreements = agreements;
		this.inboxes = inboxes;
		this.sending = sending;
		this.watchers = watchers;
		this.clock = clock;
		this.longestKept = sending.view().retention().plus(sending.view().rememberErased()).plusDays(1);
	}

	@Override
	public void configureTopology(Topology topology) {
		Topic<String, Alert> outbox = Topics.outbox(this.node);
		Topic<String, Acknowledgement> acks = Topics.acks(this.node);
		topology.addSource("outbox", Serdes.String().deserializer(),
				this.serdes.alerts(outbox, (int) this.sending.limits().alertSize().toBytes()).deserializer(),
				outbox.name());
		topology.addSource("acks", Serdes.String().deserializer(), this.serdes.of(acks).deserializer(), acks.name());
		TaskIndexes rebuilds = new TaskIndexes();
		topology.addProcessor("router", () -> new Router(this.rules, this.inboxes, this.sending, this.clock, rebuilds),
				"outbox");
		topology.addProcessor("ack-taker",
				() -> new AckTaker(this.sending.view(), this.sending.meters(), this.clock.instant(), rebuilds), "acks");
		for (NodeId partner : this.agreements.partnersOf(this.node)) {
			Topic<String, Alert> inbox = Topics.inbox(partner);
			topology.addSink(Router.inboxSink(partner), inbox.name(), Serdes.String().serializer(),
					this.serdes.of(inbox).serializer(), "router");
		}
		Topic<String, AuditEvent> audit = Topics.audit(this.node);
		topology.addSink(SentView.AUDIT_SINK, audit.name(), Serdes.String().serializer(),
				this.serdes.of(audit).serializer(), "router", "ack-taker");
		Topic<String, Escalation> escalations = Topics.escalations(this.node);
		topology.addSink(SentView.ESCALATIONS_SINK, escalations.name(), Serdes.String().serializer(),
				this.serdes.of(escalations).serializer(), "router");
		SentStores.builders(this.serdes, this.sending.committed(), this.longestKept, this.watchers::changed)
			.forEach((store) -> topology.addStateStore(store, "router", "ack-taker"));
	}

}
