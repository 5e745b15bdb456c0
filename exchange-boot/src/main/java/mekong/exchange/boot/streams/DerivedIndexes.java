package mekong.exchange.boot.streams;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
 * same number in its first index; on a task's first record or punctuation (one comes
 * every commit interval), indexes of another generation (or none) are cleared and
 * rebuilt, and a new generation is written to both. A clean restart finds the same
 * generation and rebuilds nothing.
 */
public final class DerivedIndexes {

	private static final String GENERATION = "indexes";

	/** The key of the generation in the first index: no index key is empty. */
	private static final Bytes MARKER = Bytes.wrap(new byte[0]);

	private final KeyValueStore<String, Long> generation;

	private final List<KeyValueStore<Bytes, byte[]>> indexes;

	private boolean checked;

	/**
	 * @param generation the view's logged store of its index generation
	 * ({@link #generationStore})
	 * @param indexes the index stores ({@link #indexStore}); the first holds the local
	 * generation under the empty key, so none of its queries may read from the start of
	 * the store (an index by expiry, read from a first time on)
	 */
	public DerivedIndexes(KeyValueStore<String, Long> generation, List<KeyValueStore<Bytes, byte[]>> indexes) {
		this.generation = generation;
		this.indexes = List.copyOf(indexes);
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
	 * Rebuilds the indexes with {@code rebuild} if they are not of the logged generation;
	 * does nothing after the first call of a task.
	 * @return whether they were rebuilt
	 */
	public boolean ensure(Runnable rebuild) {
		if (this.checked) {
			return false;
		}
		this.checked = true;
		Long logged = this.generation.get(GENERATION);
		byte[] local = this.indexes.get(0).get(MARKER);
		if (logged != null && local != null && ByteBuffer.wrap(local).getLong() == logged) {
			return false;
		}
		this.indexes.forEach(DerivedIndexes::clear);
		rebuild.run();
		long next = ThreadLocalRandom.current().nextLong();
		this.generation.put(GENERATION, next);
		this.indexes.get(0).put(MARKER, ByteBuffer.allocate(Long.BYTES).putLong(next).array());
		return true;
	}

	/**
	 * Deletes every key as it reads them: a RocksDB iterator reads the store as it was
	 * when it opened, and no list of keys the size of the store is held in the heap.
	 */
	private static void clear(KeyValueStore<Bytes, byte[]> index) {
		try (KeyValueIterator<Bytes, byte[]> all = index.all()) {
			all.forEachRemaining((entry) -> index.delete(entry.key));
		}
	}

}
