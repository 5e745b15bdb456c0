package mekong.exchange.boot.streams;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * When a view's task runs its upkeep, on the wall clock: making what its last commit
 * committed visible to desks ({@link CommittedReads#settle}), and a step of an index
 * rebuild ({@link DerivedIndexes}); and how long one step of any upkeep may last.
 *
 * @param settleInterval how often committed changes are made visible: a desk that filed
 * an alert or reads its inbox waits for the commit, then at most this long
 * @param rebuildInterval how often a rebuild goes on (its commit interval)
 * @param step the longest one step holds the task ({@link UpkeepStep})
 */
public record TaskUpkeep(Duration settleInterval, Duration rebuildInterval, Duration step) {

	public static TaskUpkeep of(StreamsProperties streams) {
		return new TaskUpkeep(streams.settleInterval(), streams.commitInterval(), streams.upkeepStep());
	}

	/**
	 * Schedules, for the task of {@code context}, what every view's task does: making
	 * what it committed visible to desks, and, when its stores were restored, listing
	 * what they hold without waiting for a record, one step of its index {@code rebuild}
	 * at a time, until it answers that they are ready.
	 * <p>
	 * Each runs only while it has work: Kafka Streams commits a task after every
	 * punctuation, so a punctuator left running would make an idle task commit a
	 * transaction every commit interval, for nothing.
	 */
	public void schedule(ProcessorContext<?, ?> context, CommittedReads committed, Predicate<UpkeepStep> rebuild) {
		committed.settleEvery(this.settleInterval, context);
		AtomicReference<Cancellable> rebuilding = new AtomicReference<>();
		rebuilding.set(context.schedule(this.rebuildInterval, PunctuationType.WALL_CLOCK_TIME, (timestamp) -> {
			if (rebuild.test(startStep())) {
				rebuilding.get().cancel();
			}
		}));
	}

	/** A step that starts now. */
	public UpkeepStep startStep() {
		return UpkeepStep.lasting(this.step);
	}

}
