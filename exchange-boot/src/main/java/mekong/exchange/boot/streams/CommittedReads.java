package mekong.exchange.boot.streams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * State stores whose point reads by desks see only what the view's transactions have
 * committed, while the stream thread that writes them reads its own writes.
 * <p>
 * Under {@code exactly_once_v2} a task writes its stores as it processes, and the
 * transaction that carries those writes to the changelog (and the records they go with,
 * such as a RECEIVED acknowledgement) commits only at the next commit: until then a desk
 * reading the store directly would see a change that could still be rolled back (Kafka
 * Streams 4.2 has no read-committed interactive queries; KIP-892 is not in it). So each
 * store keeps, for the keys the open transaction changed, the value they had before; a
 * read from another thread gets that value. When the task prepares its commit, Kafka
 * Streams flushes the caches of its stores ({@link CachedStateStore#flushCache()}, the
 * one call a store gets before every commit under exactly-once: {@code flush()} comes
 * only with checkpoints), and the store seals those keys; once the commit succeeded, the
 * view's punctuator calls {@link #settle(TaskId)} on the stream thread (or the next
 * commit does), the sealed keys are dropped, and the new values are what everyone reads:
 * {@code becameVisible} is told each key then, which is when a desk waiting for its
 * change may read it. A commit that fails never settles: the task is closed dirty and its
 * state wiped and restored. {@code CachedStateStore} is internal to Kafka Streams:
 * re-test this on an upgrade: every desk read of the integration tests goes through it.
 * <p>
 * Only point reads ({@code get}) are filtered: a view keeps in such a store the heads
 * that say which of its other records count (an entry's newest revision, its number of
 * answers), so that a desk reading a head reads only committed parts.
 */
public final class CommittedReads {

	private final Map<TaskId, Set<Store>> stores = new ConcurrentHashMap<>();

	private final Map<TaskId, Settling> settling = new ConcurrentHashMap<>();

	/**
	 * A persistent (RocksDB) store named {@code name} whose point reads from other
	 * threads see committed values only.
	 * @param becameVisible told, on the stream thread, each key whose new value becomes
	 * visible to other threads
	 */
	public KeyValueBytesStoreSupplier persistent(String name, Consumer<Bytes> becameVisible) {
		KeyValueBytesStoreSupplier rocksDb = Stores.persistentKeyValueStore(name);
		return new KeyValueBytesStoreSupplier() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public KeyValueStore<Bytes, byte[]> get() {
				return new Store(rocksDb.get(), becameVisible);
			}

			@Override
			public String metricsScope() {
				return rocksDb.metricsScope();
			}

		};
	}

	/**
	 * Makes visible what the task of {@code context} committed, every {@code interval}
	 * after its commits, so that an idle task's last changes do not wait for more
	 * records: a punctuator of the task, scheduled when a store of the task is written
	 * and cancelled once nothing it wrote waits to be seen.
	 */
	public void settleEvery(Duration interval, ProcessorContext<?, ?> context) {
		this.settling.put(context.taskId(), new Settling(context, interval));
	}

	/**
	 * Makes visible what the task's last commit committed; called on the task's stream
	 * thread, after the commit.
	 */
	void settle(TaskId task) {
		this.stores.getOrDefault(task, Set.of()).forEach(Store::settle);
	}

	/**
	 * The punctuator that settles a task's changes, while it has changes to settle: Kafka
	 * Streams commits a task after every punctuation, so one that ran every few
	 * milliseconds on an idle task would commit a transaction every commit interval for
	 * nothing. On the task's stream thread only.
	 */
	private final class Settling {

		private final ProcessorContext<?, ?> context;

		private final Duration interval;

		private Cancellable punctuation;

		Settling(ProcessorContext<?, ?> context, Duration interval) {
			this.context = context;
			this.interval = interval;
		}

		/**
		 * Starts the punctuator unless it runs; a task schedules only while it processes
		 * or punctuates, so a store written outside of that (a topology test seeding its
		 * stores) waits for its next commit instead.
		 */
		void start() {
			if (this.punctuation == null) {
				try {
					this.punctuation = this.context.schedule(this.interval, PunctuationType.WALL_CLOCK_TIME,
							(timestamp) -> settleOrStop());
				}
				catch (IllegalStateException notProcessing) {
					// Kafka Streams: "Current node is null".
				}
			}
		}

		private void settleOrStop() {
			TaskId task = this.context.taskId();
			settle(task);
			if (CommittedReads.this.stores.getOrDefault(task, Set.of()).stream().allMatch(Store::settled)) {
				this.punctuation.cancel();
				this.punctuation = null;
			}
		}

	}

	/**
	 * A value a key had before the open or the sealed transaction changed it; null if it
	 * had none.
	 */
	private record Before(byte[] value) {
	}

	private final class Store implements KeyValueStore<Bytes, byte[]>, CachedStateStore<Bytes, byte[]> {

		private final KeyValueStore<Bytes, byte[]> inner;

		private final Consumer<Bytes> becameVisible;

		/** Keys changed since the last commit, with their committed values. */
		private final Map<Bytes, Before> open = new ConcurrentHashMap<>();

		/**
		 * Keys changed before the last commit, until the stream thread goes on after it.
		 */
		private final Map<Bytes, Before> sealed = new ConcurrentHashMap<>();

		private volatile Thread writer;

		private TaskId task;

		Store(KeyValueStore<Bytes, byte[]> inner, Consumer<Bytes> becameVisible) {
			this.inner = inner;
			this.becameVisible = becameVisible;
		}

		@Override
		public void init(StateStoreContext context, StateStore root) {
			this.inner.init(context, root);
			this.task = context.taskId();
			CommittedReads.this.stores.computeIfAbsent(this.task, (added) -> ConcurrentHashMap.newKeySet()).add(this);
		}

		@Override
		public void put(Bytes key, byte[] value) {
			remember(key);
			this.inner.put(key, value);
		}

		@Override
		public byte[] putIfAbsent(Bytes key, byte[] value) {
			remember(key);
			return this.inner.putIfAbsent(key, value);
		}

		@Override
		public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
			entries.forEach((entry) -> remember(entry.key));
			this.inner.putAll(entries);
		}

		@Override
		public byte[] delete(Bytes key) {
			remember(key);
			return this.inner.delete(key);
		}

		/**
		 * Keeps the committed value of {@code key} before the open transaction first
		 * changes it; published before the change, so that a reader that sees the change
		 * in the inner store also finds the committed value here.
		 */
		private void remember(Bytes key) {
			this.writer = Thread.currentThread();
			if (!this.open.containsKey(key)) {
				this.open.put(key, new Before(this.inner.get(key)));
			}
			Settling settling = CommittedReads.this.settling.get(this.task);
			if (settling != null) {
				settling.start();
			}
		}

		@Override
		public byte[] get(Bytes key) {
			if (Thread.currentThread() == this.writer) {
				return this.inner.get(key);
			}
			Before before = committedBefore(key);
			if (before != null) {
				return before.value();
			}
			byte[] value = this.inner.get(key);
			before = committedBefore(key);
			return (before != null) ? before.value() : value;
		}

		private Before committedBefore(Bytes key) {
			Before before = this.open.get(key);
			return (before != null) ? before : this.sealed.get(key);
		}

		/** The task prepares its commit: what it wrote so far is in the transaction. */
		@Override
		public void flushCache() {
			settle();
			this.sealed.putAll(this.open);
			this.open.clear();
		}

		@Override
		public void clearCache() {
		}

		@Override
		public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
			return false;
		}

		@Override
		public void flush() {
			this.inner.flush();
		}

		/** Whether every change written is committed and visible. */
		boolean settled() {
			return this.open.isEmpty() && this.sealed.isEmpty();
		}

		/** The last commit succeeded: what it sealed is what everyone reads now. */
		void settle() {
			if (this.sealed.isEmpty() || Thread.currentThread() != this.writer) {
				return;
			}
			List<Bytes> visible = List.copyOf(this.sealed.keySet());
			this.sealed.clear();
			visible.forEach(this.becameVisible);
		}

		@Override
		public void close() {
			Set<Store> ofTask = CommittedReads.this.stores.get(this.task);
			if (ofTask != null) {
				ofTask.remove(this);
				if (ofTask.isEmpty()) {
					CommittedReads.this.settling.remove(this.task);
				}
			}
			this.open.clear();
			this.sealed.clear();
			this.inner.close();
		}

		@Override
		public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
			return this.inner.range(from, to);
		}

		@Override
		public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
			return this.inner.reverseRange(from, to);
		}

		@Override
		public KeyValueIterator<Bytes, byte[]> all() {
			return this.inner.all();
		}

		@Override
		public KeyValueIterator<Bytes, byte[]> reverseAll() {
			return this.inner.reverseAll();
		}

		@Override
		public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix,
				PS prefixKeySerializer) {
			return this.inner.prefixScan(prefix, prefixKeySerializer);
		}

		@Override
		public long approximateNumEntries() {
			return this.inner.approximateNumEntries();
		}

		@Override
		public String name() {
			return this.inner.name();
		}

		@Override
		public boolean persistent() {
			return this.inner.persistent();
		}

		@Override
		public boolean isOpen() {
			return this.inner.isOpen();
		}

		@Override
		public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
			return this.inner.query(query, positionBound, config);
		}

		@Override
		public Position getPosition() {
			return this.inner.getPosition();
		}

	}

}
