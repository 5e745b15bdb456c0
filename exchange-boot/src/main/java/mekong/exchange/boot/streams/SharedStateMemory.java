package mekong.exchange.boot.streams;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all the state stores of this process. RocksDB's defaults
 * give each store its own 50 MB block cache and three 16 MB memtables, which adds up on a
 * small machine; here every store shares one cache, and memtables are charged to it, up
 * to half of it. A node's two sides open some sixty stores (one RocksDB instance per
 * store and partition), all written for each alert: with too small a share each memtable
 * is flushed while still tiny, and RocksDB spends its time writing and compacting small
 * files (BENCHMARKS.md, "State memory"). Shared by every store of the process, so never
 * closed by one of them.
 */
public final class SharedStateMemory implements RocksDBConfigSetter {

	/**
	 * The key under which the Kafka Streams configuration carries the budget in bytes.
	 */
	static final String BYTES_CONFIG = "mekong.streams.state-memory-bytes";

	private static Cache cache;

	private static WriteBufferManager writeBuffers;

	@Override
	public void setConfig(String storeName, Options options, Map<String, Object> configs) {
		BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
		table.setBlockCache(cacheOf((Long) configs.get(BYTES_CONFIG)));
		table.setCacheIndexAndFilterBlocks(true);
		table.setCacheIndexAndFilterBlocksWithHighPriority(true);
		table.setPinTopLevelIndexAndFilter(true);
		options.setWriteBufferManager(writeBuffers);
		options.setMaxWriteBufferNumber(2);
		options.setWriteBufferSize(4 * 1024 * 1024L);
		options.setTableFormatConfig(table);
	}

	private static synchronized Cache cacheOf(long bytes) {
		if (cache == null) {
			cache = new LRUCache(bytes, -1, false, 0.1);
			writeBuffers = new WriteBufferManager(bytes / 2, cache);
		}
		return cache;
	}

	@Override
	public void close(String storeName, Options options) {
	}

}
