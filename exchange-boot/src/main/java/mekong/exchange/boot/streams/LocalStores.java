package mekong.exchange.boot.streams;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
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
	 * Index {@code name} of a view ({@link DerivedIndexes}) of each partition of
	 * {@code sourceTopic} this instance holds; throws {@link InvalidStateStoreException}
	 * while a partition's indexes are being rebuilt.
	 * @param generation the view's store of its index generation
	 * @param first the view's first index
	 */
	public List<ReadOnlyKeyValueStore<Bytes, byte[]>> indexOf(String name, String generation, String first,
			String sourceTopic) {
		KafkaStreams kafkaStreams = kafkaStreams();
		List<Integer> partitions = localPartitionsOf(kafkaStreams, sourceTopic);
		partitions.forEach((partition) -> DerivedIndexes.requireReady(this.store(kafkaStreams, generation, partition),
				this.store(kafkaStreams, first, partition)));
		return partitions.stream()
			.map((partition) -> this.<Bytes, byte[]>store(kafkaStreams, name, partition))
			.toList();
	}

	private static List<Integer> localPartitionsOf(KafkaStreams kafkaStreams, String sourceTopic) {
		return kafkaStreams.metadataForLocalThreads()
			.stream()
			.flatMap((thread) -> thread.activeTasks().stream())
			.flatMap((task) -> task.topicPartitions().stream())
			.filter((partition) -> partition.topic().equals(sourceTopic))
			.map(TopicPartition::partition)
			.toList();
	}

	private <K, V> ReadOnlyKeyValueStore<K, V> store(KafkaStreams kafkaStreams, String name, int partition) {
		return kafkaStreams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
			.withPartition(partition));
	}

	private KafkaStreams kafkaStreams() {
		return NodeStreams.started(this.streams);
	}

}
