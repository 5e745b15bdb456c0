package mekong.exchange.consumer.dlq;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import mekong.exchange.core.serde.UndecodedValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * How a listener goes through the records of one poll, all in the one Kafka transaction
 * the container opened for them. Records that could not be decoded or verified, and
 * records the listener rejects ({@link RejectedRecordException}), go to the node's
 * dead-letter topic in that transaction, and the next record follows. Any other failure
 * rolls the whole batch back, naming the record that failed, for
 * {@link RetryThenDeadLetter} to retry; a record it gave up on goes to the dead-letter
 * topic when the batch comes again, and the records around it are processed.
 */
@Component
public class ListenerBatches {

	private final DeadLetterPublishingRecoverer deadLetters;

	private final Map<RecordPosition, Exception> givenUp = new ConcurrentHashMap<>();

	public ListenerBatches(DeadLetterPublishingRecoverer deadLetters) {
		this.deadLetters = deadLetters;
	}

	public <K, V> void process(List<ConsumerRecord<K, V>> records, Consumer<ConsumerRecord<K, V>> each) {
		for (ConsumerRecord<K, V> record : records) {
			if (record.value() instanceof UndecodedValue undecoded) {
				this.deadLetters.accept(record, undecoded.failure());
			}
			else if (!deadLetterIfGivenUp(record)) {
				processOne(record, each);
			}
		}
	}

	/**
	 * Sends the record to the dead-letter topic if {@link RetryThenDeadLetter} gave it
	 * up; almost always there is none, and the record's position is not even built.
	 */
	private boolean deadLetterIfGivenUp(ConsumerRecord<?, ?> record) {
		if (this.givenUp.isEmpty()) {
			return false;
		}
		RecordPosition position = RecordPosition.of(record);
		Exception lastFailure = this.givenUp.get(position);
		if (lastFailure == null) {
			return false;
		}
		this.deadLetters.accept(record, lastFailure);
		forgetOnCommit(position);
		return true;
	}

	private <K, V> void processOne(ConsumerRecord<K, V> record, Consumer<ConsumerRecord<K, V>> each) {
		try {
			each.accept(record);
		}
		catch (RejectedRecordException rejection) {
			this.deadLetters.accept(record, rejection);
		}
		catch (RuntimeException failure) {
			throw new BatchListenerFailedException("Record " + RecordPosition.of(record) + " failed", failure, record);
		}
	}

	/**
	 * The record at {@code position} goes to the dead-letter topic with
	 * {@code lastFailure} the next time it comes.
	 */
	void giveUp(RecordPosition position, Exception lastFailure) {
		this.givenUp.put(position, lastFailure);
	}

	private void forgetOnCommit(RecordPosition position) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				if (status == STATUS_COMMITTED) {
					ListenerBatches.this.givenUp.remove(position);
				}
			}
		});
	}

	record RecordPosition(TopicPartition partition, long offset) {

		static RecordPosition of(ConsumerRecord<?, ?> record) {
			return new RecordPosition(new TopicPartition(record.topic(), record.partition()), record.offset());
		}

		@Override
		public String toString() {
			return this.partition + "@" + this.offset;
		}

	}

}
