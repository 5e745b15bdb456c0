package mekong.exchange.boot.streams;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

	/** Keeps {@code indexes} as the indexes of the task of {@code context}. */
	public DerivedIndexes open(ProcessingContext context, DerivedIndexes indexes) {
		this.byTask.put(context.taskId(), indexes);
		return indexes;
	}

	/** The indexes the task of {@code context} opened. */
	public DerivedIndexes of(ProcessingContext context) {
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
