package mekong.exchange.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka floor of the hub's topology: the same two consume-transform-produce hops
 * (outbox to inbox, inbox to received) written with bare Kafka clients and the same
 * guarantees (read_committed, idempotent transactional producers, offsets in the
 * transaction, a commit every {@value #COMMIT_INTERVAL_MS} ms as the hub's stream threads
 * do), copying the bytes: what Kafka alone costs for what the hub does.
 */
final class KafkaFloor implements AutoCloseable {

	static final String OUTBOX = "bench.floor.outbox";

	static final String INBOX = "bench.floor.inbox";

	static final String RECEIVED = "bench.floor.received";

	static final long COMMIT_INTERVAL_MS = 100;

	private static final Logger log = LoggerFactory.getLogger(KafkaFloor.class);

	private final List<Hop> hops = new ArrayList<>();

	KafkaFloor(Map<String, Object> clientSettings) {
		this.hops.add(new Hop("outbox-inbox", OUTBOX, INBOX, clientSettings));
		this.hops.add(new Hop("inbox-received", INBOX, RECEIVED, clientSettings));
		this.hops.forEach(Hop::start);
	}

	@Override
	public void close() throws InterruptedException {
		for (Hop hop : this.hops) {
			hop.finish();
		}
	}

	/** One hop: a consumer and a transactional producer on one thread. */
	private static final class Hop extends Thread {

		private final String from;

		private final String to;

		private final KafkaConsumer<byte[], byte[]> consumer;

		private final KafkaProducer<byte[], byte[]> producer;

		private volatile boolean running = true;

		Hop(String name, String from, String to, Map<String, Object> clientSettings) {
			super("kafka-floor-" + name);
			this.from = from;
			this.to = to;
			Map<String, Object> consumerSettings = new HashMap<>(clientSettings);
			consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-floor-" + name);
			consumerSettings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
			consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			consumerSettings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			this.consumer = new KafkaConsumer<>(consumerSettings, new ByteArrayDeserializer(),
					new ByteArrayDeserializer());
			Map<String, Object> producerSettings = new HashMap<>(clientSettings);
			producerSettings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-floor-" + name);
			producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
			producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			this.producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
			setDaemon(true);
		}

		@Override
		public void run() {
			this.producer.initTransactions();
			this.consumer.subscribe(List.of(this.from));
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			long lastCommit = System.nanoTime();
			try {
				while (this.running) {
					for (ConsumerRecord<byte[], byte[]> record : this.consumer.poll(Duration.ofMillis(10))) {
						if (offsets.isEmpty()) {
							this.producer.beginTransaction();
						}
						this.producer
							.send(new ProducerRecord<>(this.to, null, record.key(), record.value(), record.headers()));
						offsets.put(new TopicPartition(record.topic(), record.partition()),
								new OffsetAndMetadata(record.offset() + 1));
					}
					if (!offsets.isEmpty()
							&& System.nanoTime() - lastCommit >= Duration.ofMillis(COMMIT_INTERVAL_MS).toNanos()) {
						this.producer.sendOffsetsToTransaction(offsets, this.consumer.groupMetadata());
						this.producer.commitTransaction();
						offsets.clear();
						lastCommit = System.nanoTime();
					}
				}
			}
			catch (WakeupException stopping) {
				// closing
			}
			catch (RuntimeException ex) {
				log.error("Kafka floor hop {} -> {} failed", this.from, this.to, ex);
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

}
