package mekong.exchange.boot.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import mekong.exchange.boot.kafka.TopicProperties;
import mekong.exchange.core.access.KafkaAccess;
import mekong.exchange.core.node.NodeId;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.config.CompositeKafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.KafkaStreamsInfrastructureCustomizer;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsMicrometerListener;
import org.springframework.util.FileSystemUtils;

/**
 * One side of a node (consumer or producer) as one Kafka Streams application,
 * {@code mekong.<node>.<side>}: its topologies under {@code exactly_once_v2}, with state
 * stores in {@code mekong.streams.state-dir} sharing one memory budget, and records that
 * cannot be processed sent to the node's dead-letter topic ({@link DeadLetters}).
 * Instances of the same node share the application id, so they share the partitions
 * between them.
 */
public final class NodeStreams {

	private static final Logger log = LoggerFactory.getLogger(NodeStreams.class);

	/** The longest pause before a failed stream thread's replacement starts. */
	private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

	private NodeStreams() {
	}

	/**
	 * A state store of a view: persistent (RocksDB) and backed by a changelog topic. Not
	 * cached: Kafka Streams' record cache, which would fold the updates of one alert
	 * within a commit interval, made no measurable difference to the end-to-end harness
	 * and cost its key comparisons (BENCHMARKS.md).
	 */
	public static <K, V> StoreBuilder<KeyValueStore<K, V>> store(String name, Serde<K> keys, Serde<V> values) {
		return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingDisabled();
	}

	/**
	 * A store of records that live at most {@code longest} after they were last written:
	 * its changelog forgets by time as well as by compaction
	 * ({@code cleanup.policy=compact,delete}), so that what a view erased with a
	 * tombstone, or forgot to, leaves the changelog by that time at the latest.
	 */
	public static <K, V> StoreBuilder<KeyValueStore<K, V>> expiring(KeyValueBytesStoreSupplier supplier, Serde<K> keys,
			Serde<V> values, Duration longest) {
		return Stores.keyValueStoreBuilder(supplier, keys, values)
			.withCachingDisabled()
			.withLoggingEnabled(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
					TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
					TopicConfig.RETENTION_MS_CONFIG, String.valueOf(longest.toMillis())));
	}

	/**
	 * The running Kafka Streams of {@code application}.
	 * @throws InvalidStateStoreException before it has started: its stores are not open
	 */
	static KafkaStreams started(StreamsBuilderFactoryBean application) {
		KafkaStreams kafkaStreams = application.getKafkaStreams();
		if (kafkaStreams == null) {
			throw new InvalidStateStoreException("The state stores are not open yet");
		}
		return kafkaStreams;
	}

	/**
	 * The application id of {@code side} of {@code node}, a prefix of its internal
	 * topics.
	 */
	public static String applicationId(NodeId node, String side) {
		return KafkaAccess.namePrefixOf(node) + side;
	}

	/**
	 * Deletes the stores an instance kept under its application's old name: their content
	 * was moved with the changelogs (the Kafka access init step,
	 * {@code LegacyStreamsNames}) and is restored from there.
	 */
	private static void eraseStateOfOldName(Path directory) {
		try {
			if (FileSystemUtils.deleteRecursively(directory)) {
				log.info("Deleted the state stores under the application's old name in {}", directory);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete the old state stores in " + directory, ex);
		}
	}

	/**
	 * The changelog topic of a store of {@code side} of {@code node}, as Kafka Streams
	 * names it.
	 */
	public static String changelog(NodeId node, String side, String store) {
		return applicationId(node, side) + "-" + store + "-changelog";
	}

	/**
	 * The factory of {@code side}'s Kafka Streams application. The two sides read
	 * different topics, so each dead-letters what it reads.
	 */
	public static StreamsBuilderFactoryBean factory(String side, NodeId node, KafkaProperties kafka,
			TopicProperties topics, StreamsProperties streams, MeterRegistry meters, StreamThreadFailures failures,
			List<KafkaStreamsInfrastructureCustomizer> topologies) {
		String applicationId = applicationId(node, side);
		eraseStateOfOldName(streams.stateDir().resolve(KafkaAccess.legacyApplicationId(node, side)));
		Map<String, Object> settings = new HashMap<>(kafka.buildStreamsProperties());
		settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.replicationFactor());
		settings.put(StreamsConfig.STATE_DIR_CONFIG, streams.stateDir().toAbsolutePath().toString());
		settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, streams.threads());
		settings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, streams.commitInterval().toMillis());
		settings.put(StreamsConfig.POLL_MS_CONFIG, streams.settleInterval().toMillis());
		settings.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, SharedStateMemory.class);
		settings.put(SharedStateMemory.BYTES_CONFIG, streams.stateMemory().toBytes());
		StreamsProperties.Producer producer = streams.producer();
		settings.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG),
				producer.retryBackoff().toMillis());
		settings.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), producer.linger().toMillis());
		settings.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG),
				(int) producer.batchSize().toBytes());
		String deadLetters = Topics.dlq(node).name();
		settings.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetters);
		settings.put(DeadLetters.ROUTE_CONFIG, new DeadLetters.Route(deadLetters, meters));
		settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
		settings.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
		settings.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetters.class);
		StreamsBuilderFactoryBean factory = new StreamsBuilderFactoryBean(new KafkaStreamsConfiguration(settings));
		factory.setInfrastructureCustomizer(new CompositeKafkaStreamsInfrastructureCustomizer(
				topologies.toArray(KafkaStreamsInfrastructureCustomizer[]::new)));
		factory.setLeaveGroupOnClose(true);
		factory.addListener(new KafkaStreamsMicrometerListener(meters));
		factory.setStreamsUncaughtExceptionHandler((failure) -> {
			Duration pause = failures.failed(applicationId, failure, streams.retryInterval(), LONGEST_PAUSE);
			log.error("A stream thread of {} failed; a new one takes over its tasks from their last commit in {}",
					applicationId, pause, failure);
			LockSupport.parkNanos(pause.toNanos());
			return StreamThreadExceptionResponse.REPLACE_THREAD;
		});
		return factory;
	}

}
