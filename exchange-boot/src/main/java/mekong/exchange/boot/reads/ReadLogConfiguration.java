package mekong.exchange.boot.reads;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.WireSerde;
import mekong.exchange.boot.node.NodeProperties;
import mekong.exchange.core.topics.Topics;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;

@AutoConfiguration(after = KafkaAutoConfiguration.class)
class ReadLogConfiguration {

	@Bean
	ReadLog readLog(KafkaOperations<String, Object> kafka, NodeProperties node, Clock clock, MeterRegistry meters) {
		return new ReadLog(kafka, node, clock, meters);
	}

	@Bean
	ReadsController readsController(KafkaProperties kafka, WireSerde wire, NodeProperties node, ReadLog reads,
			Clock clock) {
		return new ReadsController(new AccessTopicReader(kafka.buildConsumerProperties(), wire.deserializer(),
				Topics.access(node.id()).name()), reads, clock);
	}

}
