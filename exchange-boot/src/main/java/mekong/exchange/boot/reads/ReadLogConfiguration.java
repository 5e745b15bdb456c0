package mekong.exchange.boot.reads;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.node.NodeProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaOperations;

@AutoConfiguration(after = KafkaAutoConfiguration.class)
class ReadLogConfiguration {

	@Bean
	ReadLog readLog(KafkaOperations<String, Object> kafka, NodeProperties node, Clock clock, MeterRegistry meters) {
		return new ReadLog(kafka, node, clock, meters);
	}

}
