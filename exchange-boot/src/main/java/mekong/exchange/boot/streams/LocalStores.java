package mekong.exchange.boot.streams;

import java.util.List;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The key-value state stores of one Kafka Streams application that this instance holds,
 * to answer queries from. Throws {@link InvalidStateStoreException} while they are not
 * open (the application starts, restores or rebalances); the desk API answers 503 then.
 */
public final class LocalStores {

	private final StreamsBuilderFactoryBean streams;

	public LocalStores(StreamsBuilderFactoryBean streams) {
		this.streams = streams;
	}

	/** Store {@code name} across every partition this instance holds. */
	public <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
		return kafkaStreams().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
	}

	/**
	 * Store {@code name} of each partition of {@code sourceTopic} this instance holds,
	 * for a query that merges one page of each.
	 */
	public <K, V> List<ReadOnlyKeyValueStore<K, V>> partitionsOf(String name, String sourceTopic) {
		KafkaStreams kafkaStreams = kafkaStreams();
		return kafkaStreams.metadataForLocalThreads()
			.stream()
			.flatMap((thread) -> thread.activeTasks().stream())
			.flatMap((task) -> task.topicPartitions().stream())
			.filter((partition) -> partition.topic().equals(sourceTopic))
			.map((partition) -> kafkaStreams.<ReadOnlyKeyValueStore<K, V>>store(
					StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
						.withPartition(partition.partition())))
			.toList();
	}

	private KafkaStreams kafkaStreams() {
		return NodeStreams.started(this.streams);
	}

}
