package mekong.exchange.core.registry;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent map that holds at most a given number of entries: reads take no lock, and
 * when an insert goes past the capacity some other entry is dropped (the registry answers
 * again if it is needed later). Schemas and ids never change once registered, so an entry
 * is never stale, only possibly gone.
 */
final class BoundedCache<K, V> {

	private final Map<K, V> entries = new ConcurrentHashMap<>();

	private final int capacity;

	BoundedCache(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("A cache needs room for at least one entry, not " + capacity);
		}
		this.capacity = capacity;
	}

	V get(K key) {
		return this.entries.get(key);
	}

	/**
	 * Returns the value held for {@code key}, or loads it outside any lock and keeps it.
	 */
	V computeIfAbsent(K key, Function<K, V> loader) {
		V held = this.entries.get(key);
		if (held != null) {
			return held;
		}
		V loaded = loader.apply(key);
		put(key, loaded);
		return loaded;
	}

	void put(K key, V value) {
		if (this.entries.putIfAbsent(key, value) == null) {
			Iterator<K> keys = this.entries.keySet().iterator();
			while (this.entries.size() > this.capacity && keys.hasNext()) {
				K other = keys.next();
				if (!other.equals(key)) {
					this.entries.remove(other);
				}
			}
		}
	}

	/** Holds {@code value} for {@code key}, replacing what was held. */
	void replace(K key, V value) {
		this.entries.remove(key);
		put(key, value);
	}

	int size() {
		return this.entries.size();
	}

}
