package mekong.exchange.consumer.receiving;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.ContractSerde;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.NodeStreams;
import mekong.exchange.boot.streams.Outgoing;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;

@Configuration(proxyBeanMethods = false)
class ReceivingConfiguration {

	/**
	 * The node's inbox, received: each revision once, into the {@code received} topic,
	 * with a RECEIVED acknowledgement to its origin.
	 */
	@Bean
	KafkaStreamsInfrastructureCustomizer receivingTopology(ContractSerde contract, AgreementBook agreements,
			RoutingRules rules, NodeProperties node, Clock clock, MeterRegistry meters) {
		return new KafkaStreamsInfrastructureCustomizer() {

			@Override
			public void configureBuilder(StreamsBuilder builder) {
				builder.addStateStore(NodeStreams.store(Receiver.RECEIPTS, Serdes.String(), ReceiptSerde.serde()));
				builder
					.stream(Topics.inbox(node.id()).name(), Consumed.with(Serdes.String(), contract).withName("inbox"))
					.process(() -> new Receiver(agreements, rules, node.id(), clock, meters), Named.as("receiver"),
							Receiver.RECEIPTS)
					.to(Outgoing.destination(), Outgoing.with(contract.serializer()).withName("received"));
			}

		};
	}

}
