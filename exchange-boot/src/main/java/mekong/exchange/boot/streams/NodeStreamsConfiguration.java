package mekong.exchange.boot.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import mekong.exchange.boot.kafka.ContractSerde;
import mekong.exchange.boot.kafka.WireSerde;
import mekong.exchange.boot.limits.LimitProperties;
import mekong.exchange.boot.retention.RetentionProperties;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

@AutoConfiguration
@EnableConfigurationProperties({ StreamsProperties.class, LimitProperties.class, RetentionProperties.class })
class NodeStreamsConfiguration {

	/** The typed serdes of the node's topologies, from its contract and wire serdes. */
	@Bean
	NodeSerdes nodeSerdes(ContractSerde contract, WireSerde wire) {
		return new NodeSerdes(contract.serializer(), contract.deserializer(), wire.serializer(), wire.deserializer(),
				LimitProperties.RECORD_SIZE);
	}

	/**
	 * Stream thread failures of the last minute; readiness reports them, and replacements
	 * wait longer while they repeat.
	 */
	@Bean
	StreamThreadFailures streamThreadFailures(Clock clock) {
		return new StreamThreadFailures(clock, Duration.ofMinutes(1));
	}

	/** Where the views tell what their transactions have committed. */
	@Bean
	CommittedReads committedReads() {
		return new CommittedReads();
	}

	/**
	 * Tells each Kafka Streams application of the process, before it starts, where its
	 * desk API listens ({@code application.server}), so that other instances of the node
	 * know where to forward a query for the alerts it holds. The web server starts before
	 * the applications do, so its port is known, also when it is picked at random.
	 */
	@Bean
	ApplicationListener<WebServerInitializedEvent> advertiseDeskApi(
			ObjectProvider<StreamsBuilderFactoryBean> applications, StreamsProperties streams) {
		return (event) -> {
			if (event.getApplicationContext().getServerNamespace() != null) {
				return;
			}
			String server = streams.advertisedHost() + ":" + event.getWebServer().getPort();
			applications.orderedStream().forEach((application) -> {
				Properties settings = application.getStreamsConfiguration();
				settings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server);
				application.setStreamsConfiguration(settings);
			});
		};
	}

}
