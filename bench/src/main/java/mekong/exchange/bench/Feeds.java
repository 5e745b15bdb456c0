package mekong.exchange.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.core.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Kafka lanes' alerts go in: copies of the hub's outbox bytes into a bench
 * topic, written by the broker's administrator, or Son La's outbox, written as Son La
 * writes it (its Kafka login, the project's serializer, its signature where it signs).
 * Both with the nodes' producer settings.
 */
final class Feeds {

	private static final Logger log = LoggerFactory.getLogger(Feeds.class);

	private final StackClients stack;

	private final ContractCodec codec;

	private final AlertTemplates templates;

	Feeds(StackClients stack, ContractCodec codec, AlertTemplates templates) {
		this.stack = stack;
		this.codec = codec;
		this.templates = templates;
	}

	/** Writes a copy of the hub's outbox bytes to {@code topic}, as the administrator. */
	Feed copies(String topic) {
		KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerSettings(this.stack.admin()),
				new StringSerializer(), new ByteArraySerializer());
		return new Feed() {

			@Override
			public void send(long index, UUID alertId) {
				AlertTemplates.Copy copy = Feeds.this.templates.next(index, alertId);
				producer.send(new ProducerRecord<>(topic, null, alertId.toString(), copy.value(), copy.headers()),
						Feeds::failed);
			}

			@Override
			public void close() {
				producer.close();
			}

		};
	}

	/** Writes alerts of the bench mix to Son La's outbox, as Son La. */
	Feed sonLasOutbox() {
		KafkaProducer<String, Object> producer = sonLasProducer();
		String outbox = Topics.outbox(StackClients.SON_LA).name();
		return new Feed() {

			@Override
			public void send(long index, UUID alertId) {
				Alert alert = BenchAlerts.next(index, alertId);
				producer.send(new ProducerRecord<>(outbox, alertId.toString(), alert), Feeds::failed);
			}

			@Override
			public void close() {
				producer.close();
			}

		};
	}

	/**
	 * A producer that writes as Son La: its Kafka login, the project's serializer, its
	 * signature where it signs.
	 */
	KafkaProducer<String, Object> sonLasProducer() {
		return sonLasProducer(this.stack, this.codec);
	}

	static KafkaProducer<String, Object> sonLasProducer(StackClients stack, ContractCodec codec) {
		return new KafkaProducer<>(producerSettings(stack.loginOf(StackClients.SON_LA)), new StringSerializer(),
				codec.serializerSigningAs(stack.signerOf(StackClients.SON_LA)));
	}

	/**
	 * The settings of the nodes' producers ({@code mekong-node-defaults.yml}) with
	 * {@code login}: acks from all replicas, idempotence, short retry back-off.
	 */
	private static Map<String, Object> producerSettings(Map<String, Object> login) {
		Map<String, Object> settings = new HashMap<>(login);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
		settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
		return settings;
	}

	static void failed(RecordMetadata sent, Exception failure) {
		if (failure != null) {
			log.error("Could not send a record", failure);
		}
	}

	/** Where a lane's alerts go in, one after the other. */
	interface Feed extends AutoCloseable {

		/** Sends the {@code index}-th alert of the run, with the id {@code alertId}. */
		void send(long index, UUID alertId);

		/** Sends what is still buffered, then closes. */
		@Override
		void close();

	}

}
