package mekong.exchange.boot.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * A view's indexes (lists by time, by name, what is due, what expires): state stores
 * without changelogs, derived from the view's logged stores and rebuilt from them when
 * they may not match, so that a record taken costs its index keys in RocksDB only, not in
 * Kafka too.
 * <p>
 * They may not match when the task's logged stores were restored from their changelogs
 * past what this instance's local state held: after a crash (exactly-once processing
 * wipes the task's whole state folder, indexes included), or when the task ran on another
 * instance for a while. So the view keeps a generation number in a logged store and the
 * same number in its first index. Before a task's first record or upkeep
 * ({@link #check}), indexes of another generation (or none) are found; a new generation
 * is logged at once (so that any instance that runs the task later rebuilds too), and the
 * indexes are cleared and rebuilt from the view's heads in {@link UpkeepStep steps}, one
 * per upkeep, each bounded in time: at a million entries a rebuild takes tens of seconds,
 * and the task's records go on meanwhile. Until it ends the desks' lists answer that the
 * views are being opened ({@link #requireReady}), the upkeep that reads the indexes
 * (erasure, escalation) waits, and the records of entries the rebuild has not reached yet
 * change no index ({@link #covers}): it will index them as they are then. The generation
 * is then written to the first index too, with the version of the view's index keys: a
 * version that derives keys another way (e.g. a new rule of name matching) rebuilds the
 * indexes once after an upgrade. A clean restart finds the same generation and version
 * and rebuilds nothing.
 */
public final class DerivedIndexes {

	private static final String GENERATION = "indexes";

	/** The key of the generation in the first index: no index key is empty. */
	private static final Bytes MARKER = Bytes.wrap(new byte[0]);

	private enum Phase {

		UNCHECKED, CLEARING, REBUILDING, READY

	}

	private final KeyValueStore<String, Long> generation;

	private final List<KeyValueStore<Bytes, byte[]>> indexes;

	private final byte[] keysVersion;

	private Phase phase = Phase.UNCHECKED;

	private long rebuilding;

	private int cleared;

	private Bytes clearedTo;

	private String rebuiltTo;

	/**
	 * @param generation the view's logged store of its index generation
	 * ({@link #generationStore})
	 * @param indexes the index stores ({@link #indexStore}); the first holds the local
	 * generation under the empty key, so none of its queries may read from the start of
	 * the store (an index by expiry, read from a first time on)
	 * @param keysVersion how the view derives its index keys; a change rebuilds them
	 */
	public DerivedIndexes(KeyValueStore<String, Long> generation, List<KeyValueStore<Bytes, byte[]>> indexes,
			String keysVersion) {
		this.generation = generation;
		this.indexes = List.copyOf(indexes);
		this.keysVersion = keysVersion.getBytes(StandardCharsets.UTF_8);
	}

	/** The logged store of a view's index generation. */
	public static StoreBuilder<KeyValueStore<String, Long>> generationStore(String name) {
		return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long())
			.withCachingDisabled();
	}

	/** An index: persistent (RocksDB), without a changelog. */
	public static StoreBuilder<KeyValueStore<Bytes, byte[]>> indexStore(String name) {
		return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
			.withCachingDisabled()
			.withLoggingDisabled();
	}

	/**
	 * For a query from outside the task: throws {@link InvalidStateStoreException} (the
	 * desk API answers 503) while the indexes of a partition are being rebuilt.
	 * @param generation the partition's {@link #generationStore}
	 * @param first the partition's first index
	 */
	public static void requireReady(ReadOnlyKeyValueStore<String, Long> generation,
			ReadOnlyKeyValueStore<Bytes, byte[]> first) {
		Long logged = generation.get(GENERATION);
		byte[] local = first.get(MARKER);
		if (logged == null || local == null || ByteBuffer.wrap(local).getLong() != logged) {
			throw new InvalidStateStoreException("The indexes of a partition are being rebuilt");
		}
	}

	/**
	 * The first keys of {@code range}, at most {@code most}, read before anything they
	 * name is changed; the range is closed.
	 */
	public static List<Bytes> firstKeys(KeyValueIterator<Bytes, byte[]> range, int most) {
		try (range) {
			List<Bytes> keys = new ArrayList<>();
			while (range.hasNext() && keys.size() < most) {
				keys.add(range.next().key);
			}
			return keys;
		}
	}

	/**
	 * Finds, once per task, whether the indexes are of the logged generation; if not,
	 * logs a new one and starts a rebuild with its first unit of work (a task with
	 * nothing to index is then ready). Call it before a record changes anything.
	 */
	public <V> void check(KeyValueStore<String, V> source, BiConsumer<String, V> index) {
		if (this.phase == Phase.UNCHECKED) {
			rebuild(source, index, UpkeepStep.lasting(Duration.ZERO));
		}
	}

	private void check() {
		if (this.phase != Phase.UNCHECKED) {
			return;
		}
		Long logged = this.generation.get(GENERATION);
		byte[] local = this.indexes.get(0).get(MARKER);
		if (logged != null && Arrays.equals(local, marker(logged))) {
			this.phase = Phase.READY;
			return;
		}
		this.rebuilding = ThreadLocalRandom.current().nextLong();
		this.generation.put(GENERATION, this.rebuilding);
		this.phase = Phase.CLEARING;
	}

	/**
	 * What the first index holds once it is of {@code generation}: it, then the keys'
	 * version.
	 */
	private byte[] marker(long generation) {
		return ByteBuffer.allocate(Long.BYTES + this.keysVersion.length)
			.putLong(generation)
			.put(this.keysVersion)
			.array();
	}

	/** Whether the indexes match the view's stores: no rebuild is under way. */
	public boolean ready() {
		return this.phase == Phase.READY;
	}

	/**
	 * Whether a change of the entry under {@code sourceKey} must change the indexes now:
	 * not while they are cleared, nor for entries the rebuild has not reached yet.
	 */
	public boolean covers(String sourceKey) {
		return switch (this.phase) {
			case READY -> true;
			case REBUILDING -> this.rebuiltTo != null && sourceKey.compareTo(this.rebuiltTo) <= 0;
			case UNCHECKED, CLEARING -> false;
		};
	}

	/**
	 * Goes on with a rebuild, if one is under way, for one step: clears the indexes, then
	 * indexes each entry of {@code source} with {@code index}, in key order.
	 * @return whether the indexes are ready
	 */
	public <V> boolean rebuild(KeyValueStore<String, V> source, BiConsumer<String, V> index, UpkeepStep step) {
		check();
		while (this.phase == Phase.CLEARING && clearOne(step)) {
			this.cleared++;
			this.clearedTo = null;
			if (this.cleared == this.indexes.size()) {
				this.phase = Phase.REBUILDING;
			}
		}
		if (this.phase == Phase.REBUILDING && indexFrom(source, index, step)) {
			this.indexes.get(0).put(MARKER, marker(this.rebuilding));
			this.phase = Phase.READY;
		}
		return ready();
	}

	/**
	 * Deletes the keys of the index being cleared until the step is over; a RocksDB
	 * iterator reads the store as it was when it opened, and no list of keys the size of
	 * the store is held in the heap.
	 * @return whether that index is empty
	 */
	private boolean clearOne(UpkeepStep step) {
		KeyValueStore<Bytes, byte[]> index = this.indexes.get(this.cleared);
		try (KeyValueIterator<Bytes, byte[]> keys = (this.clearedTo != null) ? index.range(this.clearedTo, null)
				: index.all()) {
			while (keys.hasNext()) {
				this.clearedTo = keys.next().key;
				index.delete(this.clearedTo);
				if (step.over()) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * @return whether every entry of {@code source} is indexed
	 */
	private <V> boolean indexFrom(KeyValueStore<String, V> source, BiConsumer<String, V> index, UpkeepStep step) {
		try (KeyValueIterator<String, V> entries = (this.rebuiltTo != null) ? source.range(this.rebuiltTo, null)
				: source.all()) {
			while (entries.hasNext()) {
				KeyValue<String, V> entry = entries.next();
				if (entry.key.equals(this.rebuiltTo)) {
					continue;
				}
				this.rebuiltTo = entry.key;
				index.accept(entry.key, entry.value);
				if (step.over()) {
					return false;
				}
			}
		}
		return true;
	}

}
