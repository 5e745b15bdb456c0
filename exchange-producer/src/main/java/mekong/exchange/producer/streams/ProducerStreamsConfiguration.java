package mekong.exchange.producer.streams;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.ContractSerde;
import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.NodeStreams;
import mekong.exchange.boot.streams.StreamsProperties;
import mekong.exchange.core.topics.Topics;
import mekong.exchange.producer.escalation.EscalationProperties;
import mekong.exchange.producer.tracking.SentWatchers;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The producer side of a node as one Kafka Streams application,
 * {@code mekong-<node>-producer}, running the {@link SenderTopology}. Records of the
 * outbox it cannot read are the consumer side's (its router's) to dead-letter; those of
 * the acks topic, which only this side reads, it dead-letters itself.
 * <p>
 * Its topology is given here rather than declared as a
 * {@link KafkaStreamsInfrastructureCustomizer} bean: those all go to the consumer side's
 * application when both sides run in one process.
 */
@Configuration(proxyBeanMethods = false)
class ProducerStreamsConfiguration {

	@Bean
	StreamsBuilderFactoryBean producerStreams(KafkaProperties kafka, NodeProperties node, TopicProperties topics,
			StreamsProperties streams, MeterRegistry meters, ContractSerde contract, SentWatchers watchers,
			EscalationProperties escalation, Clock clock) {
		SenderTopology sender = new SenderTopology(node.id(), contract, watchers, escalation, clock, meters);
		return NodeStreams.factory("producer", node.id(), kafka, topics, streams, meters, List.of(sender),
				Set.of(Topics.outbox(node.id()).name()));
	}

}
