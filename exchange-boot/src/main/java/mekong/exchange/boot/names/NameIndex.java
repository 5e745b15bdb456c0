package mekong.exchange.boot.names;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import mekong.exchange.boot.streams.ListKeys;
import mekong.exchange.core.names.PersonMatcher;
import mekong.exchange.core.names.PersonName;
import mekong.exchange.core.node.NodeId;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A view's index of the persons its alerts name: for each key under which a person named
 * in an alert's newest revision is {@linkplain PersonMatcher#indexKeys indexed}, and the
 * node that reported it, a {@linkplain ListKeys list} of the alerts, newest first, each
 * with the person as the value, so that a lookup compares names without reading alerts.
 */
public final class NameIndex {

	/** Index records read per lookup key and partition, at most. */
	public static final int CANDIDATES = 200;

	private static final int NO_YEAR = Integer.MIN_VALUE;

	private NameIndex() {
	}

	/** An alert naming a person possibly the same as the one looked for. */
	public record Found(UUID alertId, Instant at, PersonName person) {
	}

	/**
	 * The records of an alert the view keeps: under each index key of each person its
	 * newest revision names, that person; none for an alert erased (no persons).
	 */
	public static Map<Bytes, byte[]> records(List<PersonName> persons, NodeId reportedBy, Instant at, UUID alertId) {
		Map<Bytes, byte[]> records = new LinkedHashMap<>();
		for (PersonName person : persons) {
			byte[] value = encode(person);
			for (String key : PersonMatcher.indexKeys(PersonMatcher.profile(person))) {
				records.putIfAbsent(ListKeys.key(list(key, reportedBy), at, alertId), value);
			}
		}
		return records;
	}

	/** Moves an alert's records in {@code index} from {@code held} to {@code updated}. */
	public static void replace(KeyValueStore<Bytes, byte[]> index, Map<Bytes, byte[]> held,
			Map<Bytes, byte[]> updated) {
		held.keySet().stream().filter((key) -> !updated.containsKey(key)).forEach(index::delete);
		updated.forEach(index::put);
	}

	/**
	 * The alerts reported by {@code reportedBy} that name a person possibly the same as
	 * {@code person}, at most {@code limit}, newest first, from every partition of a
	 * view's index. Reads at most {@value #CANDIDATES} records per lookup key and
	 * partition: a person named thousands of times costs no more than one named a few
	 * times.
	 */
	public static List<Found> matches(List<? extends ReadOnlyKeyValueStore<Bytes, byte[]>> partitions,
			PersonMatcher.Profile person, NodeId reportedBy, int limit) {
		List<Found> found = new ArrayList<>();
		for (ReadOnlyKeyValueStore<Bytes, byte[]> partition : partitions) {
			found.addAll(matchesIn(partition, person, reportedBy, limit));
		}
		return found.stream().sorted(Comparator.comparing(Found::at).reversed()).limit(limit).toList();
	}

	/**
	 * The matches in one partition, each alert once; an alert is in one partition only.
	 */
	private static Collection<Found> matchesIn(ReadOnlyKeyValueStore<Bytes, byte[]> partition,
			PersonMatcher.Profile person, NodeId reportedBy, int limit) {
		Map<UUID, Found> found = new LinkedHashMap<>();
		for (String lookup : PersonMatcher.lookupKeys(person)) {
			byte[] prefix = ListKeys.prefix(list(lookup, reportedBy));
			try (KeyValueIterator<Bytes, byte[]> records = partition.range(Bytes.wrap(prefix),
					ListKeys.endOf(prefix))) {
				int matched = 0;
				for (int read = 0; read < CANDIDATES && matched < limit && records.hasNext(); read++) {
					KeyValue<Bytes, byte[]> record = records.next();
					PersonName candidate = personOf(record.value);
					if (PersonMatcher.possiblySame(person, PersonMatcher.profile(candidate))) {
						matched++;
						UUID alertId = ListKeys.alertIdOf(record.key);
						found.putIfAbsent(alertId, new Found(alertId, ListKeys.timeOf(record.key), candidate));
					}
				}
			}
		}
		return found.values();
	}

	private static String list(String lookup, NodeId reportedBy) {
		return lookup + "\u0000" + reportedBy.code();
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

	private static PersonName personOf(byte[] value) {
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

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String text(ByteBuffer in) {
		byte[] bytes = new byte[in.getInt()];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
