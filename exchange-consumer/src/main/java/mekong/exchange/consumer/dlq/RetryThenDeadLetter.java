package mekong.exchange.consumer.dlq;

import java.util.List;

import mekong.exchange.consumer.dlq.ListenerBatches.RecordPosition;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ListenerUtils;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.SeekUtils;

/**
 * What follows a listener batch whose transaction rolled back: the consumer goes back to
 * the first record of each partition in the batch, so the batch comes again, after
 * {@code mekong.dead-letter.retry-interval}. A record that failed
 * {@code mekong.dead-letter.retries} times in a row is given up: {@link ListenerBatches}
 * sends it to the dead-letter topic when it comes again, in the transaction of the
 * records around it. A failure that names no record (a commit that did not go through) is
 * retried until it passes.
 */
final class RetryThenDeadLetter implements AfterRollbackProcessor<Object, Object> {

	private static final Logger log = LoggerFactory.getLogger(RetryThenDeadLetter.class);

	private static final LogAccessor seekLog = new LogAccessor(RetryThenDeadLetter.class);

	private final ListenerBatches batches;

	private final DeadLetterProperties settings;

	/** The record each consumer thread saw fail last, and how many times in a row. */
	private final ThreadLocal<Failures> failures = new ThreadLocal<>();

	RetryThenDeadLetter(ListenerBatches batches, DeadLetterProperties settings) {
		this.batches = batches;
		this.settings = settings;
	}

	@Override
	public void process(List<ConsumerRecord<Object, Object>> records, Consumer<Object, Object> consumer,
			MessageListenerContainer container, Exception exception, boolean recoverable,
			ContainerProperties.EOSMode eosMode) {
		SeekUtils.doSeeksToBegin(List.copyOf(records), consumer, seekLog);
		BatchListenerFailedException failed = failedRecordOf(exception);
		if (failed != null && failed.getRecord() != null) {
			RecordPosition position = RecordPosition.of(failed.getRecord());
			Failures previous = this.failures.get();
			int times = (previous != null && previous.position().equals(position)) ? previous.times() + 1 : 1;
			Exception cause = (failed.getCause() instanceof Exception original) ? original : failed;
			if (times > this.settings.retries()) {
				log.warn("Record {} failed {} times; it goes to the dead-letter topic", position, times);
				this.batches.giveUp(position, cause);
				this.failures.remove();
				return;
			}
			this.failures.set(new Failures(position, times));
		}
		try {
			ListenerUtils.stoppableSleep(container, this.settings.retryInterval().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void clearThreadState() {
		this.failures.remove();
	}

	private static @Nullable BatchListenerFailedException failedRecordOf(Throwable exception) {
		return DeadLetterPolicy.causesOf(exception)
			.stream()
			.filter(BatchListenerFailedException.class::isInstance)
			.map(BatchListenerFailedException.class::cast)
			.findFirst()
			.orElse(null);
	}

	private record Failures(RecordPosition position, int times) {
	}

}
