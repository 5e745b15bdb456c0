package mekong.exchange.consumer.acks;

import mekong.exchange.boot.kafka.ContractSerde;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;

@Configuration(proxyBeanMethods = false)
class AcksConfiguration {

	/** The node's acks topic, recorded in its audit trail. */
	@Bean
	KafkaStreamsInfrastructureCustomizer acksAuditTopology(ContractSerde contract, NodeProperties node) {
		return new KafkaStreamsInfrastructureCustomizer() {

			@Override
			public void configureBuilder(StreamsBuilder builder) {
				builder.stream(Topics.acks(node.id()).name(), Consumed.with(Serdes.String(), contract).withName("acks"))
					.processValues(() -> new AcksAuditor(node.id()), Named.as("acks-auditor"))
					.to(Outgoing.destination(), Outgoing.with(contract.serializer()).withName("audited"));
			}

		};
	}

}
