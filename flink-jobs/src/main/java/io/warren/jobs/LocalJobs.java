package io.warren.jobs;

import io.warren.jobs.train.TrainJob;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack's Flink jobs ({@code warren up} runs this in a child JVM): JoinJob and TrainJob as one
 * job on a local cluster, RocksDB state and checkpoints under {@code --data}, resuming from the newest
 * checkpoint there, so a restart loses nothing and joins nothing twice. Checkpoints every 500 ms: the
 * joined events become visible (their transaction commits) at each one, which bounds model freshness.
 *
 * <p>{@code --kafka host:port --data dir --model-store dir [--parallelism n]}. TrainJob writes each loop's
 * models to the store and announces them; the API serves them from there.
 */
public final class LocalJobs {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJobs.class);
    static final Duration CHECKPOINT_INTERVAL = Duration.ofMillis(500);

    private LocalJobs() {}

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        Path data = Path.of(params.getRequired("data")).toAbsolutePath();
        String kafka = params.getRequired("kafka");
        Path checkpoints = data.resolve("checkpoints");
        Path restore = JobConfig.latestCheckpoint(checkpoints);
        Configuration conf = JobConfig.of(checkpoints, CHECKPOINT_INTERVAL, restore);
        conf.set(CoreOptions.TMP_DIRS, data.resolve("tmp").toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                params.getInt("parallelism", 1), conf);
        Path models = Path.of(params.getRequired("model-store")).toAbsolutePath();
        JoinJob.define(env, JoinJob.Settings.defaults(kafka));
        TrainJob.define(env, TrainJob.Settings.defaults(kafka, models));
        LOG.warn("joining and training on {}, models in {}, {}", kafka, models,
                restore == null ? "fresh start" : "resuming from " + restore);
        env.execute("warren-local");
    }
}
