package mekong.exchange.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** What a topic holds, committed, as a test reads it to check what was written. */
public final class CommittedRecords {

	private CommittedRecords() {
	}

	/**
	 * Every committed record of {@code topic} up to its end now, read with
	 * {@code clientSettings} (bootstrap servers, and login on a secured broker), its keys
	 * by {@code keys}.
	 */
	public static <K> List<ConsumerRecord<K, byte[]>> of(Map<String, Object> clientSettings, String topic,
			Deserializer<K> keys) {
		return of(clientSettings, topic, keys, new ByteArrayDeserializer());
	}

	/**
	 * Every committed record of {@code topic} up to its end now, its keys read by
	 * {@code keys} and its values by {@code values}.
	 */
	public static <K, V> List<ConsumerRecord<K, V>> of(Map<String, Object> clientSettings, String topic,
			Deserializer<K> keys, Deserializer<V> values) {
		Map<String, Object> settings = new HashMap<>(clientSettings);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(settings, keys, values)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			List<ConsumerRecord<K, V>> found = new ArrayList<>();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(found::add);
			}
			return found;
		}
	}

}
