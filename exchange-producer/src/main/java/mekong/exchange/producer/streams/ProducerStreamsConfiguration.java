package mekong.exchange.producer.streams;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.StateSubjects;
import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.retention.RetentionProperties;
import mekong.exchange.boot.streams.CommittedReads;
import mekong.exchange.boot.streams.NodeSerdes;
import mekong.exchange.boot.streams.NodeStreams;
import mekong.exchange.boot.streams.StreamThreadFailures;
import mekong.exchange.boot.streams.StreamsProperties;
import mekong.exchange.boot.streams.TaskUpkeep;
import mekong.exchange.core.agreements.AgreementBook;
import mekong.exchange.core.routing.RoutingRules;
import mekong.exchange.producer.escalation.EscalationProperties;
import mekong.exchange.producer.escalation.Escalator;
import mekong.exchange.producer.routing.PartnerInboxes;
import mekong.exchange.producer.routing.Sending;
import mekong.exchange.producer.tracking.SentProperties;
import mekong.exchange.producer.tracking.SentStores;
import mekong.exchange.producer.tracking.SentViewSettings;
import mekong.exchange.producer.tracking.SentWatchers;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The producer (sending) side of a node as one Kafka Streams application,
 * {@code mekong-<node>-producer}, running the {@link SendingTopology}: router, sender
 * view, escalation and retention. It dead-letters every record of the outbox and the acks
 * topic it cannot process.
 * <p>
 * Its topology is given here rather than declared as a
 * {@link KafkaStreamsInfrastructureCustomizer} bean: those all go to the consumer side's
 * application when both sides run in one process.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ProducerStreamsConfiguration {

	@Bean
	StreamsBuilderFactoryBean producerStreams(KafkaProperties kafka, NodeProperties node, TopicProperties topics,
			StreamsProperties streams, MeterRegistry meters, StreamThreadFailures failures, NodeSerdes serdes,
			RoutingRules rules, AgreementBook agreements, PartnerInboxes inboxes, SentWatchers watchers,
			SentProperties sent, LimitProperties limits, RetentionProperties retention, EscalationProperties escalation,
			CommittedReads committed, Clock clock) {
		Sending sending = new Sending(
				new SentViewSettings(node.id(), sent.retention(), topics.retention(),
						limits.acknowledgementsPerAlert()),
				limits, retention, new Escalator(node.id(), escalation, meters), committed, TaskUpkeep.of(streams),
				clock, meters);
		SendingTopology topology = new SendingTopology(node.id(), serdes, rules, agreements, inboxes, sending, watchers,
				clock);
		return NodeStreams.factory(ProducerSide.NAME, node.id(), kafka, topics, streams, meters, failures,
				List.of(topology));
	}

	@Bean
	StateSubjects sentViewSubjects(NodeProperties node) {
		return SentStores.subjects(node.id(), ProducerSide.NAME);
	}

}
