package mekong.exchange.boot.health;

import mekong.exchange.boot.streams.StreamThreadFailures;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Up while every Kafka Streams application of the process runs (or shares its partitions
 * with a new instance) and none of its stream threads failed in the last minute; down
 * while one starts, stops, or keeps failing, with the last failure in the details. Part
 * of readiness: until then the views answer 503.
 */
class StreamsReadiness implements HealthIndicator {

	private final ObjectProvider<StreamsBuilderFactoryBean> applications;

	private final StreamThreadFailures failures;

	StreamsReadiness(ObjectProvider<StreamsBuilderFactoryBean> applications, StreamThreadFailures failures) {
		this.applications = applications;
		this.failures = failures;
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
			String applicationId = application.getStreamsConfiguration()
				.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
			StreamThreadFailures.Failure failing = this.failures.failing(applicationId);
			if (failing != null) {
				health.down()
					.withDetail(applicationId + ".failing", failing.inARow()
							+ " stream thread failure(s) in a row, last at " + failing.at() + ": " + failing.what());
			}
			health.withDetail(applicationId, state.name());
		}
		return health.build();
	}

}
