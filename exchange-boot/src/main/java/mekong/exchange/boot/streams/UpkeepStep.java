package mekong.exchange.boot.streams;

import java.time.Duration;

/**
 * The end of one step of a task's upkeep (an index rebuild, an erasure, an escalation
 * check), which then goes on at the task's next look. A step holds the task's stream
 * thread, whose transaction stays open meanwhile for every task of the thread: under
 * exactly-once the broker aborts a transaction older than {@code transaction.timeout.ms}
 * (Kafka Streams sets 10 s) and fences the thread's producer. So no upkeep may do all its
 * work at once when that work grows with the stores (a million entries to list again,
 * tens of thousands to erase).
 */
public final class UpkeepStep {

	private final long deadline;

	private UpkeepStep(Duration longest) {
		this.deadline = System.nanoTime() + longest.toNanos();
	}

	/** A step that starts now and may last {@code longest}. */
	public static UpkeepStep lasting(Duration longest) {
		return new UpkeepStep(longest);
	}

	/** Whether the step used its time; a step does at least one unit of work. */
	public boolean over() {
		return System.nanoTime() - this.deadline >= 0;
	}

}
