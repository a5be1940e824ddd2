package io.embryostream.classifier.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds RocksDB's memory for all state stores of the process: one block cache shared by every
 * store, with memtables counted against it (the pattern Kafka Streams documents), sized by
 * {@code embryo.rocksdb.cache.mb}. Without it each store instance takes its own cache and memtables
 * and memory grows with the partition count.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    public static final String CACHE_MB_CONFIG = "embryo.rocksdb.cache.mb";

    private static Cache cache;
    private static WriteBufferManager writeBuffers;

    private static synchronized void ensure(long bytes) {
        if (cache == null) {
            cache = new LRUCache(bytes, -1, false, 0.1);
            writeBuffers = new WriteBufferManager(bytes / 2, cache);
        }
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object mb = configs.get(CACHE_MB_CONFIG);
        long bytes = (mb == null ? 64 : Long.parseLong(mb.toString())) * 1024 * 1024;
        ensure(bytes);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(Math.min(8L * 1024 * 1024, bytes / 8));
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write-buffer manager are shared by every store: they live as long as the process.
    }
}
