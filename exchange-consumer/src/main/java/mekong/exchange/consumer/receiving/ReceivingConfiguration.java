package mekong.exchange.consumer.receiving;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.StateSubjects;
import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.retention.RetentionProperties;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.NodeSerdes;
import mekong.exchange.boot.streams.StreamsProperties;
import mekong.exchange.boot.streams.TaskUpkeep;
import mekong.exchange.consumer.inbox.InboxStores;
import mekong.exchange.consumer.inbox.InboxWatchers;
import mekong.exchange.consumer.streams.ConsumerSide;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.routing.RoutingRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;

@Configuration(proxyBeanMethods = false)
class ReceivingConfiguration {

	/** The receiving side's topology, in the consumer side's application. */
	@Bean
	KafkaStreamsInfrastructureCustomizer receivingTopology(NodeSerdes serdes, NodeProperties node,
			AgreementBook agreements, RoutingRules rules, LimitProperties limits, RetentionProperties retention,
			TopicProperties topics, StreamsProperties streams, CommittedReads committed, InboxWatchers watchers,
			Clock clock, MeterRegistry meters) {
		return new ReceivingTopology(serdes, new Receiving(node.id(), agreements, rules, limits, retention,
				topics.retention(), committed, TaskUpkeep.of(streams), clock, meters), watchers);
	}

	@Bean
	StateSubjects inboxSubjects(NodeProperties node) {
		return InboxStores.subjects(node.id(), ConsumerSide.NAME);
	}

}
