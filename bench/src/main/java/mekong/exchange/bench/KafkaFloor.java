package mekong.exchange.bench;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka floor of the hub's topology: the same two consume-transform-produce hops
 * (outbox to inbox, inbox to received) written with bare Kafka clients and the same
 * guarantees ({@link TransactionalHop}: read_committed, idempotent transactional
 * producers, offsets in the transaction, a commit every 100 ms as the hub's stream
 * threads do), copying the bytes and headers: what Kafka alone costs for the hops the hub
 * makes, without any of its work per alert. Its topics have as many partitions as Son
 * La's outbox; it runs as the broker's administrator.
 */
final class KafkaFloor implements AutoCloseable {

	static final String OUTBOX = "bench.floor.outbox";

	static final String INBOX = "bench.floor.inbox";

	static final String RECEIVED = "bench.floor.received";

	static final List<String> TOPICS = List.of(OUTBOX, INBOX, RECEIVED);

	private final List<TransactionalHop> hops;

	KafkaFloor(Map<String, Object> clientSettings) {
		this.hops = List.of(new Copy("floor-outbox-inbox", OUTBOX, INBOX, clientSettings),
				new Copy("floor-inbox-received", INBOX, RECEIVED, clientSettings));
		this.hops.forEach(Thread::start);
	}

	@Override
	public void close() throws InterruptedException {
		for (TransactionalHop hop : this.hops) {
			hop.finish();
		}
	}

	/** A hop that copies each record, key, value and headers, to the next topic. */
	private static final class Copy extends TransactionalHop {

		private final String to;

		Copy(String name, String from, String to, Map<String, Object> clientSettings) {
			super(name, from, clientSettings);
			this.to = to;
		}

		@Override
		protected UUID process(ConsumerRecord<byte[], byte[]> record, KafkaProducer<byte[], byte[]> producer) {
			producer.send(new ProducerRecord<>(this.to, null, record.key(), record.value(), record.headers()));
			return null;
		}

	}

}
