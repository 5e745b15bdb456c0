package mekong.exchange.producer.tracking;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.view.TopicTailer;
import mekong.exchange.core.topics.Topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

@Configuration(proxyBeanMethods = false)
class TrackingConfiguration {

	@Bean
	SentAlerts sentAlerts(MeterRegistry meters, Clock clock) {
		return new SentAlerts(meters, clock.instant());
	}

	@Bean
	TopicTailer sentAlertsFeed(SentAlerts sentAlerts, ConsumerFactory<String, Object> consumers, NodeProperties node) {
		return new TopicTailer(
				"sent-alerts-" + node.id(), consumers, List.of(Topics.outbox(node.id()).name(),
						Topics.acks(node.id()).name(), Topics.escalations(node.id()).name()),
				sentAlerts::apply, Duration.ofSeconds(60));
	}

	@Bean
	AuditTrail auditTrail(NodeProperties node) {
		return new AuditTrail(node.id());
	}

	@Bean
	TopicTailer auditTrailFeed(AuditTrail auditTrail, ConsumerFactory<String, Object> consumers, NodeProperties node) {
		return new TopicTailer("audit-" + node.id(), consumers, List.of(Topics.audit(node.id()).name()),
				auditTrail::apply, Duration.ofSeconds(60));
	}

}
