package mekong.exchange.boot.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import mekong.exchange.core.serde.UndecodedValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * Feeds a view kept in memory from topics that hold its state: reads them from the
 * beginning at start-up, and does not let the application finish starting (nor its Kafka
 * Streams applications start) until it has caught up with what was committed at that
 * moment; then follows them in a background thread. Reads committed records only, outside
 * any consumer group, so every instance builds the whole view. Records that could not be
 * decoded are skipped with a warning (the consumer side dead-letters those of the outbox
 * and acks topics, which it reads too). Still used by the producer side's views, until
 * they move to Kafka Streams as the consumer side's did.
 */
public final class TopicTailer implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TopicTailer.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private final String name;

	private final ConsumerFactory<String, Object> consumers;

	private final List<String> topics;

	private final Consumer<ConsumerRecord<String, Object>> view;

	private final Duration catchUpTimeout;

	private volatile org.apache.kafka.clients.consumer.Consumer<String, Object> consumer;

	private volatile Thread follower;

	private volatile boolean running;

	/**
	 * @param name what the view is, for logs and the client id
	 * @param view applies one record to the view; called from one thread at a time
	 */
	public TopicTailer(String name, ConsumerFactory<String, Object> consumers, List<String> topics,
			Consumer<ConsumerRecord<String, Object>> view, Duration catchUpTimeout) {
		this.name = name;
		this.consumers = consumers;
		this.topics = List.copyOf(topics);
		this.view = view;
		this.catchUpTimeout = catchUpTimeout;
	}

	@Override
	public void start() {
		long started = System.nanoTime();
		org.apache.kafka.clients.consumer.Consumer<String, Object> reader = this.consumers.createConsumer(null,
				this.name, null);
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : this.topics) {
			for (PartitionInfo info : reader.partitionsFor(topic, this.catchUpTimeout)) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		reader.assign(partitions);
		reader.seekToBeginning(partitions);
		int applied = catchUp(reader, reader.endOffsets(partitions, this.catchUpTimeout), started);
		log.info("View '{}' loaded {} records from {} in {} ms", this.name, applied, this.topics,
				(System.nanoTime() - started) / 1_000_000);
		this.consumer = reader;
		this.running = true;
		this.follower = new Thread(this::follow, "view-" + this.name);
		this.follower.setDaemon(true);
		this.follower.start();
	}

	private int catchUp(org.apache.kafka.clients.consumer.Consumer<String, Object> reader,
			Map<TopicPartition, Long> ends, long started) {
		int applied = 0;
		long deadline = started + this.catchUpTimeout.toNanos();
		while (!caughtUp(reader, ends)) {
			if (System.nanoTime() > deadline) {
				reader.close();
				throw new IllegalStateException("View '" + this.name + "' could not read " + this.topics + " within "
						+ this.catchUpTimeout.toSeconds() + " s");
			}
			applied += apply(reader.poll(POLL));
		}
		return applied;
	}

	private static boolean caughtUp(org.apache.kafka.clients.consumer.Consumer<String, Object> reader,
			Map<TopicPartition, Long> ends) {
		return ends.entrySet().stream().allMatch((end) -> reader.position(end.getKey()) >= end.getValue());
	}

	private void follow() {
		try {
			while (this.running) {
				try {
					apply(this.consumer.poll(POLL));
				}
				catch (WakeupException stopping) {
					break;
				}
				catch (RuntimeException ex) {
					log.error("View '{}' failed to read {}; retrying", this.name, this.topics, ex);
					pauseAfterFailure();
				}
			}
		}
		finally {
			this.consumer.close();
		}
	}

	private int apply(ConsumerRecords<String, Object> records) {
		for (ConsumerRecord<String, Object> record : records) {
			if (record.value() == null || record.value() instanceof UndecodedValue) {
				log.warn("View '{}' skipped an undecodable record at {}-{}@{}", this.name, record.topic(),
						record.partition(), record.offset());
				continue;
			}
			this.view.accept(record);
		}
		return records.count();
	}

	private void pauseAfterFailure() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		if (this.consumer != null) {
			this.consumer.wakeup();
		}
		if (this.follower != null) {
			try {
				this.follower.join(POLL.toMillis() * 4);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the listener containers, which start at {@code Integer.MAX_VALUE - 100}. */
	@Override
	public int getPhase() {
		return 0;
	}

}
