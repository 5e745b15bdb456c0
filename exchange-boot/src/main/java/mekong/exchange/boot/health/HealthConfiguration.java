package mekong.exchange.boot.health;

import java.time.Duration;

import mekong.exchange.boot.kafka.RegistryProperties;
import mekong.exchange.boot.streams.StreamThreadFailures;
import mekong.exchange.core.registry.HttpSchemaRegistryClient;
import mekong.exchange.core.registry.RegistryClientSettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Readiness that reflects what a node needs to work: the Kafka cluster, the schema
 * registry, and its Kafka Streams applications running. All are in the readiness group
 * (mekong-node-defaults.yml), not in liveness: a node cut off from Kafka is not
 * restarted, it stops taking traffic and comes back by itself when Kafka does.
 */
@AutoConfiguration
class HealthConfiguration {

	private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	KafkaReachability kafkaHealthIndicator(KafkaAdmin admin) {
		return new KafkaReachability(admin.getConfigurationProperties(), CHECK_TIMEOUT);
	}

	@Bean
	StreamsReadiness streamsHealthIndicator(ObjectProvider<StreamsBuilderFactoryBean> applications,
			StreamThreadFailures failures) {
		return new StreamsReadiness(applications, failures);
	}

	@Bean
	SchemaRegistryReachability schemaRegistryHealthIndicator(RegistryProperties registry,
			ObjectProvider<SslBundles> bundles) {
		RegistryClientSettings node = registry.clientSettings();
		return new SchemaRegistryReachability(
				new HttpSchemaRegistryClient(new RegistryClientSettings(node.url(), node.userInfo(), CHECK_TIMEOUT, 0,
						node.retryWait(), node.retryMaxWait(), node.cacheCapacity()), registry.tls(bundles)));
	}

}
