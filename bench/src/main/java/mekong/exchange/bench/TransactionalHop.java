package mekong.exchange.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consume-transform-produce hop written with bare Kafka clients and the guarantees of
 * a stream thread under {@code exactly_once_v2}: a read_committed consumer, an idempotent
 * transactional producer (acks=all), the consumer's offsets in the transaction, and a
 * commit every {@value #COMMIT_INTERVAL_MS} ms and a producer that lingers as long, as
 * the nodes' stream threads do. One thread per hop.
 */
abstract class TransactionalHop extends Thread {

	static final long COMMIT_INTERVAL_MS = 100;

	/** How long a poll waits while no transaction is open (records end it at once). */
	private static final Duration IDLE_POLL = Duration.ofMillis(100);

	/** How long a poll waits while a transaction is open, so that it commits on time. */
	private static final Duration BUSY_POLL = Duration.ofMillis(10);

	private static final Logger log = LoggerFactory.getLogger(TransactionalHop.class);

	private final String from;

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final KafkaProducer<byte[], byte[]> producer;

	private volatile boolean running = true;

	/**
	 * @param name the hop's consumer group and transactional id, after {@code bench-}
	 * @param from the topic it consumes
	 */
	TransactionalHop(String name, String from, Map<String, Object> clientSettings) {
		super("bench-hop-" + name);
		this.from = from;
		Map<String, Object> consumerSettings = new HashMap<>(clientSettings);
		consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + name);
		consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		this.consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		Map<String, Object> producerSettings = new HashMap<>(clientSettings);
		producerSettings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-" + name);
		producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
		producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, (int) COMMIT_INTERVAL_MS);
		this.producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
		setDaemon(true);
	}

	/**
	 * Writes what {@code record} becomes with {@code producer}, in the open transaction.
	 * @return the alert to announce once the transaction committed, or null
	 */
	protected abstract UUID process(ConsumerRecord<byte[], byte[]> record, KafkaProducer<byte[], byte[]> producer);

	/**
	 * Called with the alerts {@link #process} named, once their transaction committed.
	 */
	protected void committed(List<UUID> alerts) {
	}

	@Override
	public void run() {
		this.producer.initTransactions();
		this.consumer.subscribe(List.of(this.from));
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		List<UUID> announced = new ArrayList<>();
		long lastCommit = System.nanoTime();
		try {
			while (this.running) {
				for (ConsumerRecord<byte[], byte[]> record : this.consumer
					.poll(offsets.isEmpty() ? IDLE_POLL : BUSY_POLL)) {
					if (offsets.isEmpty()) {
						this.producer.beginTransaction();
					}
					UUID alertId = process(record, this.producer);
					if (alertId != null) {
						announced.add(alertId);
					}
					offsets.put(new TopicPartition(record.topic(), record.partition()),
							new OffsetAndMetadata(record.offset() + 1));
				}
				if (!offsets.isEmpty()
						&& System.nanoTime() - lastCommit >= Duration.ofMillis(COMMIT_INTERVAL_MS).toNanos()) {
					this.producer.sendOffsetsToTransaction(offsets, this.consumer.groupMetadata());
					this.producer.commitTransaction();
					offsets.clear();
					lastCommit = System.nanoTime();
					if (!announced.isEmpty()) {
						committed(announced);
						announced.clear();
					}
				}
			}
		}
		catch (WakeupException stopping) {
			// closing
		}
		catch (RuntimeException ex) {
			log.error("Hop {} from {} failed", getName(), this.from, ex);
		}
		finally {
			this.consumer.close();
			this.producer.close();
		}
	}

	void finish() throws InterruptedException {
		this.running = false;
		this.consumer.wakeup();
		join(Duration.ofSeconds(10).toMillis());
	}

}
