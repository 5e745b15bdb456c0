package mekong.exchange.consumer.streams;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.NodeStreams;
import mekong.exchange.boot.streams.StreamThreadFailures;
import mekong.exchange.boot.streams.StreamsProperties;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The consumer (receiving) side of a node as one Kafka Streams application,
 * {@code mekong-<node>-consumer}: every topology the consumer features declare as a
 * {@link KafkaStreamsInfrastructureCustomizer} bean (the receiver with the inbox). It
 * dead-letters every record it cannot process.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerStreamsConfiguration {

	@Bean
	StreamsBuilderFactoryBean consumerStreams(KafkaProperties kafka, NodeProperties node, TopicProperties topics,
			StreamsProperties streams, MeterRegistry meters, StreamThreadFailures failures,
			List<KafkaStreamsInfrastructureCustomizer> topologies) {
		return NodeStreams.factory(ConsumerSide.NAME, node.id(), kafka, topics, streams, meters, failures, topologies);
	}

}
