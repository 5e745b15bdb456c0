package mekong.exchange.boot.reads;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

import mekong.exchange.avro.AccessEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the node's access topic between two times, from the first record written at the
 * start (Kafka's index by time) to the last one committed; what it reads is what was
 * written in that span, whatever the topic holds before or after.
 */
final class AccessTopicReader {

	private static final Duration POLL = Duration.ofMillis(200);

	/** How far apart two instances' clocks may be. */
	static final long CLOCK_SLACK_SECONDS = 60;

	private final Map<String, Object> consumerSettings;

	private final Deserializer<Object> values;

	private final String topic;

	/**
	 * @param consumerSettings the node's Kafka login and address
	 * @param values the node's deserializer of its own records; not closed here
	 */
	AccessTopicReader(Map<String, Object> consumerSettings, Deserializer<Object> values, String topic) {
		Map<String, Object> settings = new HashMap<>(consumerSettings);
		settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
		this.consumerSettings = Map.copyOf(settings);
		this.values = values::deserialize;
		this.topic = topic;
	}

	/**
	 * The events written between {@code from} and {@code to} that are {@code wanted}, the
	 * newest {@code most} of them, newest first. A partition is read until its last
	 * committed record, or until a record written {@value #CLOCK_SLACK_SECONDS} s after
	 * {@code to}: a query costs the span it asks for, not what came after, and holds no
	 * more than {@code most} events at a time, however many the span has.
	 * @throws KafkaException if Kafka did not give them within {@code patience}
	 */
	List<AccessEvent> between(Instant from, Instant to, Predicate<AccessEvent> wanted, int most, Duration patience) {
		long deadline = System.nanoTime() + patience.toNanos();
		long last = to.toEpochMilli();
		long pastTheSpan = to.plusSeconds(CLOCK_SLACK_SECONDS).toEpochMilli();
		Comparator<AccessEvent> oldestFirst = Comparator.comparing(AccessEvent::getAt);
		PriorityQueue<AccessEvent> newest = new PriorityQueue<>(oldestFirst);
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(this.consumerSettings,
				new StringDeserializer(), this.values)) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.topic, patience)
				.stream()
				.map((partition) -> new TopicPartition(this.topic, partition.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, patience);
			Map<TopicPartition, Long> times = new HashMap<>();
			partitions.forEach((partition) -> times.put(partition, from.toEpochMilli()));
			Map<TopicPartition, OffsetAndTimestamp> firsts = consumer.offsetsForTimes(times, patience);
			Set<TopicPartition> unread = new HashSet<>();
			for (TopicPartition partition : partitions) {
				OffsetAndTimestamp first = firsts.get(partition);
				if (first != null && first.offset() < ends.get(partition)) {
					consumer.seek(partition, first.offset());
					unread.add(partition);
				}
			}
			consumer.assign(unread);
			while (!unread.isEmpty()) {
				if (System.nanoTime() > deadline) {
					throw new KafkaException("Kafka did not give the reads on record within " + patience);
				}
				Set<TopicPartition> done = new HashSet<>();
				for (ConsumerRecord<String, Object> record : consumer.poll(POLL)) {
					if (record.timestamp() > pastTheSpan) {
						done.add(new TopicPartition(record.topic(), record.partition()));
					}
					else if (record.timestamp() <= last && record.value() instanceof AccessEvent event
							&& wanted.test(event)) {
						newest.add(event);
						if (newest.size() > most) {
							newest.poll();
						}
					}
				}
				unread.removeIf(
						(partition) -> done.contains(partition) || consumer.position(partition) >= ends.get(partition));
				consumer.assign(unread);
			}
		}
		return newest.stream().sorted(oldestFirst.reversed()).toList();
	}

}
