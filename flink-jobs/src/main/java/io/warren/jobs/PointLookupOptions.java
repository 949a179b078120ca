package io.warren.jobs;

import java.util.Collection;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;

/**
 * RocksDB options for state that is mostly read by key (the join looks up every record's event): a bloom
 * filter over each memtable's whole keys, so a lookup of a key that is not there (every new decision)
 * skips the memtable's skip list, which a profile showed as the largest single cost of a state read.
 * Flink's own settings (block cache, bloom filters on files, memory) still apply.
 */
public final class PointLookupOptions implements RocksDBOptionsFactory {
    private static final long serialVersionUID = 1L;
    /** The memtable filter's size as a share of the memtable's. */
    private static final double MEMTABLE_FILTER_SHARE = 0.05;

    @Override
    public DBOptions createDBOptions(DBOptions current, Collection<AutoCloseable> handlesToClose) {
        return current;
    }

    @Override
    public ColumnFamilyOptions createColumnOptions(ColumnFamilyOptions current, Collection<AutoCloseable> handlesToClose) {
        return current.setMemtableWholeKeyFiltering(true).setMemtablePrefixBloomSizeRatio(MEMTABLE_FILTER_SHARE);
    }
}
