package mekong.exchange.consumer.inbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.avro.Acknowledgement;
import mekong.exchange.avro.Alert;
import mekong.exchange.boot.streams.RejectedRecordException;
import mekong.exchange.core.serde.UndecodableRecordException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the inbox a desk reads, with its indexes, from what the receiver and the desks
 * committed: the node's {@code received} topic (each revision taken, stamped with when)
 * and its {@code desk-acks} topic. Both are read committed, so a desk never sees a
 * revision or an answer whose transaction could still be rolled back.
 */
final class InboxView implements Processor<String, Object, Void, Void> {

	static final String ENTRIES = "inbox-entries";

	static final String BY_TIME = "inbox-by-time";

	static final String BY_NAME = "inbox-by-name";

	private final InboxWatchers watchers;

	private KeyValueStore<String, InboxEntry> entries;

	private KeyValueStore<Bytes, byte[]> byTime;

	private KeyValueStore<Bytes, byte[]> byName;

	InboxView(InboxWatchers watchers) {
		this.watchers = watchers;
	}

	@Override
	public void init(ProcessorContext<Void, Void> context) {
		this.entries = context.getStateStore(ENTRIES);
		this.byTime = context.getStateStore(BY_TIME);
		this.byName = context.getStateStore(BY_NAME);
	}

	@Override
	public void process(Record<String, Object> record) {
		InboxEntry held = this.entries.get(record.key());
		InboxEntry updated;
		UUID alertId;
		if (record.value() instanceof Alert alert) {
			alertId = alert.getAlertId();
			Instant takenAt = Instant.ofEpochMilli(record.timestamp());
			updated = (held != null) ? held.withRevision(alert, takenAt)
					: new InboxEntry(List.of(alert), takenAt, List.of());
		}
		else if (record.value() instanceof Acknowledgement ack) {
			alertId = ack.getAlertId();
			updated = (held != null) ? held.withDeskAck(ack) : InboxEntry.answersOnly(ack);
		}
		else if (record.value() == null) {
			throw new UndecodableRecordException("A record of the inbox's history has no value");
		}
		else {
			throw new RejectedRecordException("NOT_INBOX_HISTORY",
					"The inbox's history holds a " + record.value().getClass().getSimpleName());
		}
		if (updated == held) {
			return;
		}
		reindex(held, updated);
		this.entries.put(record.key(), updated);
		this.watchers.changed(alertId);
	}

	private void reindex(InboxEntry held, InboxEntry updated) {
		if (!updated.received()) {
			return;
		}
		boolean indexed = held != null && held.received();
		if (indexed && held.alert().getRevision() == updated.alert().getRevision()) {
			return;
		}
		Map<Bytes, byte[]> times = new LinkedHashMap<>();
		InboxIndex.timeKeys(updated).forEach((key) -> times.put(key, InboxIndex.noValue()));
		replace(this.byTime, indexed ? InboxIndex.timeKeys(held) : Set.of(), times);
		replace(this.byName, indexed ? InboxIndex.nameRecords(held).keySet() : Set.of(),
				InboxIndex.nameRecords(updated));
	}

	private static void replace(KeyValueStore<Bytes, byte[]> index, Set<Bytes> old, Map<Bytes, byte[]> current) {
		for (Bytes key : old) {
			if (!current.containsKey(key)) {
				index.delete(key);
			}
		}
		current.forEach(index::put);
	}

}
