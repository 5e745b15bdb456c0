package mekong.exchange.producer.streams;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.escalation.EscalationProperties;
import mekong.exchange.producer.escalation.Escalator;
import mekong.exchange.producer.tracking.SentStores;
import mekong.exchange.producer.tracking.SentView;
import mekong.exchange.producer.tracking.SentWatchers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;

/**
 * The producer side's topology: the sender view, read from the node's committed outbox,
 * acks, escalations and audit topics (all keyed by alert id, so one task holds all of an
 * alert), which records each acknowledgement it takes in the audit topic; and the
 * escalator, a punctuator of the same tasks that writes escalations and their audit
 * events.
 */
final class SenderTopology implements KafkaStreamsInfrastructureCustomizer {

	private final NodeId node;

	private final Serde<Object> contract;

	private final SentWatchers watchers;

	private final EscalationProperties escalation;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Instant startedAt;

	SenderTopology(NodeId node, Serde<Object> contract, SentWatchers watchers, EscalationProperties escalation,
			Clock clock, MeterRegistry meters) {
		this.node = node;
		this.contract = contract;
		this.watchers = watchers;
		this.escalation = escalation;
		this.clock = clock;
		this.meters = meters;
		this.startedAt = clock.instant();
	}

	/** The topics it reads. */
	private List<String> history() {
		return List.of(Topics.outbox(this.node).name(), Topics.acks(this.node).name(),
				Topics.escalations(this.node).name(), Topics.audit(this.node).name());
	}

	@Override
	public void configureBuilder(StreamsBuilder builder) {
		SentStores.builders().forEach(builder::addStateStore);
		KStream<String, Object> history = builder.stream(history(),
				Consumed.with(Serdes.String(), this.contract).withName("sender-history"));
		history
			.process(() -> new SentView(this.node, this.watchers, this.meters, this.startedAt), Named.as("sent-view"),
					SentStores.names())
			.to(Outgoing.destination(), Outgoing.with(this.contract.serializer()).withName("acks-audited"));
		history
			.process(() -> new Escalator(this.node, this.escalation, this.clock, this.meters), Named.as("escalator"),
					SentStores.names())
			.to(Outgoing.destination(), Outgoing.with(this.contract.serializer()).withName("escalated"));
	}

}
