package mekong.exchange.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what is committed to a topic from now on, or from its start (read_committed,
 * every partition assigned, no consumer group), on a thread of its own.
 */
final class TopicTail implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

	private final KafkaConsumer<String, byte[]> consumer;

	private final Thread reader;

	private volatile boolean reading = true;

	/** Whether it read what was committed when it started. */
	private volatile boolean caughtUp;

	/** Records that could not be read, of which the first few are logged. */
	private int failed;

	private TopicTail(String topic, Map<String, Object> clientSettings, boolean fromStart,
			Consumer<ConsumerRecord<String, byte[]>> each) {
		Map<String, Object> settings = new HashMap<>(clientSettings);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
		List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		this.consumer.assign(partitions);
		if (fromStart) {
			this.consumer.seekToBeginning(partitions);
		}
		else {
			this.consumer.seekToEnd(partitions);
		}
		partitions.forEach(this.consumer::position);
		Map<TopicPartition, Long> ends = this.consumer.endOffsets(partitions);
		this.reader = new Thread(() -> {
			try {
				while (this.reading) {
					if (!this.caughtUp) {
						this.caughtUp = ends.entrySet()
							.stream()
							.allMatch((end) -> this.consumer.position(end.getKey()) >= end.getValue());
					}
					for (ConsumerRecord<String, byte[]> record : this.consumer.poll(Duration.ofMillis(100))) {
						try {
							each.accept(record);
						}
						catch (RuntimeException ex) {
							if (this.failed++ < 10) {
								log.error("A record of {} could not be read: {}", topic, ex.toString());
							}
						}
					}
				}
			}
			catch (WakeupException stopping) {
				// closing
			}
			catch (RuntimeException ex) {
				log.error("The reader of {} failed", topic, ex);
			}
			finally {
				this.consumer.close();
			}
		}, "bench-read-" + topic);
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Starts reading {@code topic} from its end, passing each committed record to
	 * {@code each}.
	 */
	static TopicTail from(String topic, Map<String, Object> clientSettings,
			Consumer<ConsumerRecord<String, byte[]>> each) {
		return new TopicTail(topic, clientSettings, false, each);
	}

	/**
	 * Starts reading {@code topic} from its start, passing each committed record to
	 * {@code each}.
	 */
	static TopicTail fromStart(String topic, Map<String, Object> clientSettings,
			Consumer<ConsumerRecord<String, byte[]>> each) {
		return new TopicTail(topic, clientSettings, true, each);
	}

	/**
	 * Whether it passed on everything that was committed to the topic when it started.
	 */
	boolean caughtUp() {
		return this.caughtUp;
	}

	@Override
	public void close() throws InterruptedException {
		this.reading = false;
		this.consumer.wakeup();
		this.reader.join(10_000);
	}

}
