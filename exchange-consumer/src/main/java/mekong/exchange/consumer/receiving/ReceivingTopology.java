package mekong.exchange.consumer.receiving;

import java.time.Duration;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.avro.AuditEvent;
import mekong.exchange.boot.streams.NodeSerdes;
import mekong.exchange.boot.streams.TaskIndexes;
import mekong.exchange.consumer.inbox.InboxStores;
import mekong.exchange.consumer.inbox.InboxWatchers;
import mekong.exchange.core.agreements.Agreement;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topic;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;

import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;

/**
 * The receiving side's topology, one task per partition of the inbox and the
 * {@code desk-acks} topic (both keyed by alert id): the receiver takes partners'
 * revisions into the inbox and acknowledges them, the answer taker keeps the desks'
 * answers and sends them on; both write the origin's acks topic (signed) and the node's
 * audit topic, and each task erases on the wall clock. Nothing is read back from a topic:
 * desks read the inbox's stores as its transactions committed them.
 */
final class ReceivingTopology implements KafkaStreamsInfrastructureCustomizer {

	private final NodeSerdes serdes;

	private final Receiving receiving;

	private final InboxWatchers watchers;

	ReceivingTopology(NodeSerdes serdes, Receiving receiving, InboxWatchers watchers) {
		this.serdes = serdes;
		this.receiving = receiving;
		this.watchers = watchers;
	}

	@Override
	public void configureTopology(Topology topology) {
		NodeId self = this.receiving.node();
		Topic<String, Alert> inbox = Topics.inbox(self);
		Topic<String, Acknowledgement> answers = Topics.deskAcks(self);
		topology.addSource("inbox", Serdes.String().deserializer(),
				this.serdes.alerts(inbox, (int) this.receiving.limits().alertSize().toBytes()).deserializer(),
				inbox.name());
		topology.addSource("desk-acks", Serdes.String().deserializer(), this.serdes.of(answers).deserializer(),
				answers.name());
		TaskIndexes rebuilds = new TaskIndexes();
		topology.addProcessor("receiver", () -> new Receiver(this.receiving, rebuilds), "inbox");
		topology.addProcessor("answer-taker", () -> new AnswerTaker(this.receiving, rebuilds), "desk-acks");
		for (NodeId partner : this.receiving.agreements().partnersOf(self)) {
			Topic<String, Acknowledgement> acks = Topics.acks(partner);
			topology.addSink(Receiving.acksSink(partner.code()), acks.name(), Serdes.String().serializer(),
					this.serdes.of(acks).serializer(), "receiver", "answer-taker");
		}
		Topic<String, AuditEvent> audit = Topics.audit(self);
		topology.addSink(Receiving.AUDIT_SINK, audit.name(), Serdes.String().serializer(),
				this.serdes.of(audit).serializer(), "receiver", "answer-taker");
		InboxStores.builders(this.serdes, this.receiving.committed(), longestKept(), this.watchers::changed)
			.forEach((store) -> topology.addStateStore(store, "receiver", "answer-taker"));
	}

	/**
	 * The longest a head or content record lives after it was last written: the longest
	 * retention of this node's agreements, then the time erased alerts are remembered,
	 * and a day.
	 */
	private Duration longestKept() {
		NodeId self = this.receiving.node();
		return this.receiving.agreements()
			.all()
			.stream()
			.filter((agreement) -> agreement.binds(self))
			.map(Agreement::retention)
			.max(Duration::compareTo)
			.orElse(Agreement.DEFAULT_RETENTION)
			.plus(this.receiving.rememberErased())
			.plusDays(1);
	}

}
