package mekong.exchange.boot.health;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Up while every Kafka Streams application of the process runs (or shares its partitions
 * with a new instance); down while one starts, has failed or stops. Part of readiness:
 * until then the views answer 503.
 */
class StreamsReadiness implements HealthIndicator {

	private final ObjectProvider<StreamsBuilderFactoryBean> applications;

	StreamsReadiness(ObjectProvider<StreamsBuilderFactoryBean> applications) {
		this.applications = applications;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (StreamsBuilderFactoryBean application : this.applications.orderedStream().toList()) {
			KafkaStreams streams = application.getKafkaStreams();
			KafkaStreams.State state = (streams != null) ? streams.state() : KafkaStreams.State.CREATED;
			if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
				health.down();
			}
			health.withDetail(application.getStreamsConfiguration().getProperty(StreamsConfig.APPLICATION_ID_CONFIG),
					state.name());
		}
		return health.build();
	}

}
