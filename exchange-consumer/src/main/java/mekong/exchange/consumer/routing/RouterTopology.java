package mekong.exchange.consumer.routing;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.ContractSerde;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.streams.Outgoing;
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
class RouterTopology {

	/**
	 * The node's outbox, routed: partner inboxes and ROUTED or DENIED_BY_POLICY
	 * acknowledgements.
	 */
	@Bean
	KafkaStreamsInfrastructureCustomizer routingTopology(ContractSerde contract, RoutingRules rules,
			PartnerInboxes inboxes, NodeProperties node, Clock clock, MeterRegistry meters) {
		return new KafkaStreamsInfrastructureCustomizer() {

			@Override
			public void configureBuilder(StreamsBuilder builder) {
				builder
					.stream(Topics.outbox(node.id()).name(),
							Consumed.with(Serdes.String(), contract).withName("outbox"))
					.process(() -> new Router(rules, inboxes, node.id(), clock, meters), Named.as("router"))
					.to(Outgoing.destination(), Outgoing.with(contract.serializer()).withName("routed"));
			}

		};
	}

}
