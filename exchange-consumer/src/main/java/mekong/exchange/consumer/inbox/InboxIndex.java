package mekong.exchange.consumer.inbox;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import mekong.exchange.avro.Alert;
import mekong.exchange.avro.Category;
import mekong.exchange.avro.MessageType;
import mekong.exchange.avro.Priority;
import mekong.exchange.avro.state.InboxHead;
import mekong.exchange.boot.names.AlertPersons;
import mekong.exchange.boot.names.NameIndex;
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.boot.streams.ListKeys;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.common.utils.Bytes;

/**
 * The keys of the inbox's indexes, each a state store next to the entries, so that no
 * query reads more than it answers.
 * <ul>
 * <li>By time: for each list a desk can ask for (active or cancelled; any category or
 * one; any priority or one), the entries newest taken first; a list of all entries merges
 * the active and the cancelled list. A key is the list's name, a zero byte, the time the
 * newest revision was taken counted down from the end of time (so that RocksDB's
 * ascending order is newest first), and the alert id ({@link ListKeys}): four keys per
 * entry.</li>
 * <li>By name: the persons the newest revisions name ({@link NameIndex}), by the time
 * each was taken.</li>
 * <li>By expiry: when each entry is to be erased, then its id.</li>
 * </ul>
 * Time and expiry index values are empty: everything is in the key. All are derived from
 * the entries' heads.
 */
final class InboxIndex {

	private static final byte[] NO_VALUE = new byte[0];

	private static final int ID_BYTES = AlertIds.BYTES;

	private InboxIndex() {
	}

	static byte[] noValue() {
		return NO_VALUE;
	}

	/** Which of the inbox lists an entry is on. */
	enum State {

		ACTIVE, CANCELLED, ALL

	}

	/** One list of the inbox: by state, and by category and priority if given. */
	record Filter(State state, Category category, Priority priority) {

		String name() {
			return this.state + "|" + ((this.category != null) ? this.category : "") + "|"
					+ ((this.priority != null) ? this.priority : "");
		}

	}

	/** Where a page of a list starts: after the entry taken at {@code receivedAt}. */
	record Cursor(Instant receivedAt, UUID alertId) {

		static Cursor parse(String text) {
			String[] parts = text.split("~", 2);
			if (parts.length != 2) {
				throw new IllegalArgumentException("A cursor is <epoch-millis>~<alert id>, not " + text);
			}
			return new Cursor(Instant.ofEpochMilli(Long.parseLong(parts[0])), UUID.fromString(parts[1]));
		}

		@Override
		public String toString() {
			return this.receivedAt.toEpochMilli() + "~" + this.alertId;
		}

	}

	/**
	 * The time index keys of an entry the inbox keeps: one on each list it is on; none
	 * once it is erased.
	 */
	static Set<Bytes> timeKeys(InboxHead head) {
		Set<Bytes> keys = new LinkedHashSet<>();
		if (head == null || head.getErasedAt() != null) {
			return keys;
		}
		State state = (head.getMessageType() == MessageType.CANCEL) ? State.CANCELLED : State.ACTIVE;
		for (Category category : Arrays.asList(null, head.getCategory())) {
			for (Priority priority : Arrays.asList(null, head.getPriority())) {
				keys.add(timeKey(new Filter(state, category, priority), head.getReceivedAt(), head.getAlertId()));
			}
		}
		return keys;
	}

	/** The first and last key to read, both included. */
	record Range(Bytes from, Bytes to) {
	}

	/**
	 * The ranges of {@code filter}'s list: keys after {@code after} if given, of entries
	 * taken at or after {@code since} if given; two ranges (active and cancelled) for a
	 * list of all entries.
	 */
	static List<Range> timeRanges(Filter filter, Instant since, Cursor after) {
		if (filter.state() != State.ALL) {
			return List.of(timeRange(filter, since, after));
		}
		return List.of(timeRange(new Filter(State.ACTIVE, filter.category(), filter.priority()), since, after),
				timeRange(new Filter(State.CANCELLED, filter.category(), filter.priority()), since, after));
	}

	private static Range timeRange(Filter filter, Instant since, Cursor after) {
		byte[] prefix = ListKeys.prefix(filter.name());
		Bytes from = Bytes.wrap(prefix);
		if (after != null) {
			byte[] key = timeKey(filter, after.receivedAt(), after.alertId()).get();
			from = Bytes.wrap(Arrays.copyOf(key, key.length + 1));
		}
		Bytes to = ListKeys.endOf(prefix);
		if (since != null) {
			to = Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + ID_BYTES)
				.put(prefix)
				.putLong(ListKeys.countDown(since))
				.putLong(-1L)
				.putLong(-1L)
				.array());
		}
		return new Range(from, to);
	}

	/**
	 * The name index records of an entry the inbox keeps: the persons its newest revision
	 * ({@code alert}) names, reported by its origin, when it was taken.
	 */
	static Map<Bytes, byte[]> nameRecords(InboxHead head, Alert alert) {
		if (head == null || head.getErasedAt() != null || alert == null) {
			return Map.of();
		}
		return NameIndex.records(AlertPersons.of(alert), NodeId.of(head.getOrigin()), head.getReceivedAt(),
				head.getAlertId());
	}

	/** Its key in the expiry index: when it is erased (or forgotten), then its id. */
	static Bytes expiryKey(InboxHead head) {
		return (head != null) ? expiryKey(head.getKeepUntil(), head.getAlertId()) : null;
	}

	private static Bytes expiryKey(Instant at, UUID alertId) {
		return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + ID_BYTES)
			.putLong(Math.max(0, at.toEpochMilli()))
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.array());
	}

	/** The expiry index keys of entries to erase or forget by {@code now}. */
	static Range expiredBy(Instant now) {
		return new Range(expiryKey(Instant.EPOCH, new UUID(0, 0)), expiryKey(now, new UUID(-1L, -1L)));
	}

	/** The alert of an expiry index key. */
	static UUID expiredAlertOf(Bytes key) {
		return AlertIds.at(key.get(), Long.BYTES);
	}

	/** The alert id at the end of an index key. */
	static UUID alertIdOf(Bytes key) {
		return ListKeys.alertIdOf(key);
	}

	/**
	 * The order of time index keys of different lists: newest taken first, then by alert
	 * id as one list orders them.
	 */
	static int newestFirst(Bytes one, Bytes other) {
		int time = receivedAtOf(other).compareTo(receivedAtOf(one));
		return (time != 0) ? time : AlertIds.compare(alertIdOf(one), alertIdOf(other));
	}

	/** When the entry at this time index key was taken. */
	static Instant receivedAtOf(Bytes key) {
		return ListKeys.timeOf(key);
	}

	private static Bytes timeKey(Filter filter, Instant receivedAt, UUID alertId) {
		return ListKeys.key(filter.name(), receivedAt, alertId);
	}

}
