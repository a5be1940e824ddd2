package io.embryostream.benchmarks;

import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * RocksDB's memory as Kafka Streams reports it for every state store ({@code stream-state-metrics}).
 * With the classifier's bounded configuration all stores share one block cache, with memtables
 * charged to it, so the cache's usage (the same figure under every store: the largest is taken) is
 * the bounded total; table readers' index memory is reported beside it.
 */
record RocksDbMemory(long blockCacheUsageBytes, long blockCacheCapacityBytes, long memtableBytes,
                     long tableReaderBytes, int stores) {

    private static final String GROUP = "stream-state-metrics";

    static RocksDbMemory of(Map<MetricName, ? extends Metric> metrics) {
        long usage = 0;
        long capacity = 0;
        long memtables = 0;
        long readers = 0;
        int stores = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            if (!GROUP.equals(e.getKey().group()) || !(e.getValue().metricValue() instanceof Number n)) {
                continue;
            }
            long v = n.longValue();
            switch (e.getKey().name()) {
                case "block-cache-usage" -> {
                    usage = Math.max(usage, v);
                    stores++;
                }
                case "block-cache-capacity" -> capacity = Math.max(capacity, v);
                case "size-all-mem-tables" -> memtables += v;
                case "estimate-table-readers-mem" -> readers += v;
                default -> {
                }
            }
        }
        return new RocksDbMemory(usage, capacity, memtables, readers, stores);
    }
}
