package io.warren.jobs;

import io.warren.jobs.train.TrainJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded stack's Flink jobs ({@code warren up} runs this in a child JVM): JoinJob and TrainJob, each on
 * a local cluster with RocksDB state and checkpoints under {@code --data}, each resuming from its newest
 * checkpoint there, so a restart loses nothing and joins nothing twice; what earlier runs left and nothing
 * reads again is removed first ({@link Leftovers}). The join checkpoints every 250 ms:
 * joined events become visible (their transaction commits) at each one, which bounds model freshness.
 *
 * <p>{@code --kafka host:port --data dir --model-store dir [--parallelism n]}. TrainJob writes each loop's
 * models to the store and announces them; the API serves them from there.
 */
public final class LocalJobs {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJobs.class);
    /** The join commits its output at each checkpoint, which bounds freshness: often. */
    static final Duration JOIN_CHECKPOINTS = Duration.ofMillis(250);
    /** The trainer's checkpoints hold every loop's model: less often. */
    static final Duration TRAIN_CHECKPOINTS = Duration.ofSeconds(1);

    private LocalJobs() {}

    /**
     * One API on the same machine writes every record: they reach Kafka in order within milliseconds, so
     * the join's out-of-orderness bound and quiet time can be short, and windows close soon after they end.
     */
    static JoinJob.Settings embeddedJoin(String kafka) {
        JoinJob.Settings d = JoinJob.Settings.defaults(kafka);
        return new JoinJob.Settings(kafka, Duration.ofMillis(100), Duration.ofMillis(500), d.earlyRewardWindow(),
                d.dedupRetention(), d.transactionalIdPrefix());
    }

    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        Path data = Path.of(params.getRequired("data")).toAbsolutePath();
        String kafka = params.getRequired("kafka");
        Path models = Path.of(params.getRequired("model-store")).toAbsolutePath();
        int parallelism = params.getInt("parallelism", 1);
        Leftovers.clearScratch(data.resolve("tmp"));
        // Two jobs, each with its own checkpoints: the join's commits (which make joined events visible)
        // never wait for a checkpoint of the trainer's models.
        StreamExecutionEnvironment join = environment(data, "join", JOIN_CHECKPOINTS, parallelism);
        JoinJob.define(join, embeddedJoin(kafka));
        JobClient joining = join.executeAsync("warren-join");
        StreamExecutionEnvironment train = environment(data, "train", TRAIN_CHECKPOINTS, parallelism);
        TrainJob.define(train, TrainJob.Settings.defaults(kafka, models));
        JobClient training = train.executeAsync("warren-train");
        LOG.warn("joining and training on {}, models in {}", kafka, models);
        CompletableFuture.anyOf(joining.getJobExecutionResult(), training.getJobExecutionResult()).get();
    }

    /** A local cluster for one job, resuming from that job's newest checkpoint under {@code data/checkpoints/<job>}. */
    private static StreamExecutionEnvironment environment(Path data, String job, Duration checkpointEvery,
                                                          int parallelism) throws Exception {
        Path checkpoints = data.resolve("checkpoints").resolve(job);
        Leftovers.pruneEmptyJobDirs(checkpoints);
        Path restore = JobConfig.latestCheckpoint(checkpoints);
        Configuration conf = JobConfig.of(checkpoints, checkpointEvery, restore);
        conf.set(CoreOptions.TMP_DIRS, data.resolve("tmp").toString());
        // Watermarks every 50 ms rather than 200: a window's end is noticed sooner (model freshness).
        conf.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(50));
        LOG.warn("{}: {}", job, restore == null ? "fresh start" : "resuming from " + restore);
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
    }
}
