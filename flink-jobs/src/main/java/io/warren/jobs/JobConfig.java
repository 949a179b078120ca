package io.warren.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.util.ParameterTool;
import org.rocksdb.CompressionType;

/**
 * How Warren's jobs run: RocksDB state with incremental, exactly-once checkpoints that are kept when a
 * job is cancelled (so {@code warren up} and an operator can restore from the last one).
 */
public final class JobConfig {
    private JobConfig() {}

    /**
     * @param checkpoints where checkpoints go (a directory)
     * @param restoreFrom a retained checkpoint or savepoint to start from, or null
     */
    public static Configuration of(Path checkpoints, Duration interval, Path restoreFrom) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        // The join keeps every decision of the reward wait: with RocksDB's default share of managed memory
        // that state spilled from the block cache and the join ran 3.6x slower (ops/bench/jobs_bench.sh join).
        conf.set(RocksDBOptions.FIX_PER_SLOT_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        // Every decision first looks up a key that is not there: bloom filters answer that without
        // reading each level (join 14.8k -> 17.8k records/s).
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        conf.set(RocksDBOptions.OPTIONS_FACTORY, PointLookupOptions.class.getName());
        // LZ4 instead of RocksDB's default Snappy: over a long join, flushes and compactions used as much CPU
        // as the join threads, a third of it in Snappy; with LZ4 the join's steady rate went up 10-40%
        // (docs/join.md, "Speed"), and state files stay compressed.
        conf.set(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL, List.of(CompressionType.LZ4_COMPRESSION));
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, interval);
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        // TrainJob retrains a loop from its log on the operator thread, which holds checkpoint barriers: a
        // long retrain lets checkpoints time out (10 min each) rather than fail the job over into the same
        // retrain again. Five in a row still fail it.
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 5);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
            // The restored job owns the checkpoint and deletes it once newer ones subsume it.
            conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
        }
        return conf;
    }

    /**
     * The newest completed checkpoint under {@code checkpoints} (of any job that wrote there:
     * {@code <job id>/chk-<n>/_metadata}), or null when there is none.
     */
    public static Path latestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return null;
        }
        try (Stream<Path> metadata = Files.find(checkpoints, 3, (path, attributes) ->
                path.getFileName().toString().equals("_metadata")
                        && path.getParent().getFileName().toString().startsWith("chk-"))) {
            return metadata.max(Comparator.comparing(JobConfig::modified)).map(Path::getParent).orElse(null);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** From {@code --checkpoints dir [--checkpoint-interval PT1S] [--restore-from chk]}; empty without them. */
    public static Configuration fromArgs(ParameterTool args) {
        if (!args.has("checkpoints")) {
            return new Configuration();
        }
        return of(Path.of(args.get("checkpoints")).toAbsolutePath(),
                Duration.parse(args.get("checkpoint-interval", "PT1S")),
                args.has("restore-from") ? Path.of(args.get("restore-from")).toAbsolutePath() : null);
    }
}
