package mekong.exchange.boot.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * The {@link DerivedIndexes} of each task of one topology, shared by the task's
 * processors: whether a rebuild is under way and how far it got decides whether a record
 * changes an index, whichever processor takes the record. The processor that runs the
 * task's upkeep opens them at its init (afresh, each time the task is opened); the others
 * take them at their first record, when every processor of the task is initialized.
 */
public final class TaskIndexes {

	private final Map<TaskId, DerivedIndexes> byTask = new ConcurrentHashMap<>();

	/** Which processor of a task asks for its indexes. */
	public enum Holder {

		/**
		 * The processor that runs the task's upkeep, at its init: it opens them afresh.
		 */
		UPKEEP,

		/** Another processor of the task, at its first record. */
		SHARER

	}

	/**
	 * The indexes of the task of {@code context}: those {@code opened} makes, kept for
	 * the task, if {@code holder} runs its upkeep; else those it opened.
	 */
	public DerivedIndexes of(ProcessingContext context, Holder holder, Supplier<DerivedIndexes> opened) {
		if (holder == Holder.UPKEEP) {
			DerivedIndexes indexes = opened.get();
			this.byTask.put(context.taskId(), indexes);
			return indexes;
		}
		DerivedIndexes indexes = this.byTask.get(context.taskId());
		if (indexes == null) {
			throw new IllegalStateException("Task " + context.taskId() + " has not opened its indexes");
		}
		return indexes;
	}

	/** Forgets the indexes of the task of {@code context}, when it closes. */
	public void close(ProcessingContext context, DerivedIndexes indexes) {
		this.byTask.remove(context.taskId(), indexes);
	}

}
