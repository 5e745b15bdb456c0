package mekong.exchange.consumer.inbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import mekong.exchange.boot.streams.AlertIds;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.names.PersonName;
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
 * ascending order is newest first), and the alert id: four keys per entry.</li>
 * <li>By name: for each key under which a person named in the newest revision is
 * {@linkplain PersonMatcher#indexKeys indexed}, and the node that reported it, the
 * entries newest taken first, each with the person as the value, so that a lookup
 * compares names without reading entries.</li>
 * <li>By expiry: when each entry is to be erased, then its id.</li>
 * </ul>
 * Time and expiry index values are empty: everything is in the key. All are derived from
 * the entries' heads.
 */
final class InboxIndex {

	private static final byte[] NO_VALUE = new byte[0];

	private static final int ID_BYTES = AlertIds.BYTES;

	private static final int NO_YEAR = Integer.MIN_VALUE;

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
		byte[] prefix = prefix(filter.name());
		Bytes from = Bytes.wrap(prefix);
		if (after != null) {
			byte[] key = timeKey(filter, after.receivedAt(), after.alertId()).get();
			from = Bytes.wrap(Arrays.copyOf(key, key.length + 1));
		}
		Bytes to = endOf(prefix);
		if (since != null) {
			to = Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + ID_BYTES)
				.put(prefix)
				.putLong(countDown(since))
				.putLong(-1L)
				.putLong(-1L)
				.array());
		}
		return new Range(from, to);
	}

	/**
	 * The name index records of an entry the inbox keeps: under each index key of each
	 * person its newest revision ({@code alert}) names, that person.
	 */
	static Map<Bytes, byte[]> nameRecords(InboxHead head, Alert alert) {
		Map<Bytes, byte[]> records = new LinkedHashMap<>();
		if (head == null || head.getErasedAt() != null || alert == null) {
			return records;
		}
		for (PersonName person : AlertPersons.of(alert)) {
			byte[] value = encode(person);
			for (String key : PersonMatcher.indexKeys(PersonMatcher.profile(person))) {
				records.putIfAbsent(
						key(nameList(key, NodeId.of(head.getOrigin())), head.getReceivedAt(), head.getAlertId()),
						value);
			}
		}
		return records;
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

	/**
	 * The name index records of persons from {@code origin} indexed under {@code lookup},
	 * newest taken first.
	 */
	static Range nameRange(String lookup, NodeId origin) {
		byte[] prefix = prefix(nameList(lookup, origin));
		return new Range(Bytes.wrap(prefix), endOf(prefix));
	}

	/** The person of a name index record. */
	static PersonName personOf(byte[] value) {
		ByteBuffer in = ByteBuffer.wrap(value);
		String fullName = text(in);
		String nativeName = text(in);
		int birthYear = in.getInt();
		List<String> aliases = new ArrayList<>();
		for (int i = in.getInt(); i > 0; i--) {
			aliases.add(text(in));
		}
		return new PersonName(fullName, nativeName.isEmpty() ? null : nativeName, aliases,
				(birthYear != NO_YEAR) ? birthYear : null);
	}

	private static String nameList(String lookup, NodeId origin) {
		return lookup + "\u0000" + origin.code();
	}

	private static byte[] encode(PersonName person) {
		List<byte[]> texts = new ArrayList<>();
		texts.add(utf8(person.fullName()));
		texts.add(utf8((person.nativeName() != null) ? person.nativeName() : ""));
		person.aliases().forEach((alias) -> texts.add(utf8(alias)));
		ByteBuffer out = ByteBuffer
			.allocate(texts.stream().mapToInt((text) -> Integer.BYTES + text.length).sum() + 2 * Integer.BYTES);
		out.putInt(texts.get(0).length).put(texts.get(0));
		out.putInt(texts.get(1).length).put(texts.get(1));
		out.putInt((person.birthYear() != null) ? person.birthYear() : NO_YEAR);
		out.putInt(texts.size() - 2);
		for (byte[] alias : texts.subList(2, texts.size())) {
			out.putInt(alias.length).put(alias);
		}
		return out.array();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(ByteBuffer in) {
		byte[] bytes = new byte[in.getInt()];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	/** The alert id at the end of an index key. */
	static UUID alertIdOf(Bytes key) {
		return AlertIds.at(key.get(), key.get().length - ID_BYTES);
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
		byte[] bytes = key.get();
		long countedDown = ByteBuffer.wrap(bytes, bytes.length - ID_BYTES - Long.BYTES, Long.BYTES).getLong();
		return Instant.ofEpochMilli(Long.MAX_VALUE - countedDown);
	}

	private static Bytes timeKey(Filter filter, Instant receivedAt, UUID alertId) {
		return key(filter.name(), receivedAt, alertId);
	}

	/**
	 * The key of an entry on a list: the list's name, then when it was taken, then its
	 * id.
	 */
	private static Bytes key(String list, Instant receivedAt, UUID alertId) {
		byte[] prefix = prefix(list);
		return Bytes.wrap(ByteBuffer.allocate(prefix.length + Long.BYTES + ID_BYTES)
			.put(prefix)
			.putLong(countDown(receivedAt))
			.putLong(alertId.getMostSignificantBits())
			.putLong(alertId.getLeastSignificantBits())
			.array());
	}

	private static long countDown(Instant at) {
		return Long.MAX_VALUE - at.toEpochMilli();
	}

	/** Past every key that starts with {@code prefix}, which ends with a zero byte. */
	private static Bytes endOf(byte[] prefix) {
		byte[] end = prefix.clone();
		end[end.length - 1] = 1;
		return Bytes.wrap(end);
	}

	/** The name, then a zero byte, which no name contains. */
	private static byte[] prefix(String name) {
		byte[] text = name.getBytes(StandardCharsets.UTF_8);
		return Arrays.copyOf(text, text.length + 1);
	}

}
