package mekong.exchange.consumer.receiving;

import java.time.Duration;
import java.util.List;

import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.boot.view.TopicTailer;
import mekong.exchange.core.topics.Topics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;

@Configuration(proxyBeanMethods = false)
class ReceivingConfiguration {

	@Bean
	ReceivedAlerts receivedAlerts(NodeProperties node) {
		return new ReceivedAlerts(node.id());
	}

	@Bean
	TopicTailer receivedAlertsFeed(ReceivedAlerts receivedAlerts, ConsumerFactory<String, Object> consumers,
			NodeProperties node) {
		return new TopicTailer("inbox-" + node.id(), consumers,
				List.of(Topics.received(node.id()).name(), Topics.deskAcks(node.id()).name()), receivedAlerts::apply,
				Duration.ofSeconds(60));
	}

}
