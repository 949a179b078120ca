package io.warren.jobs.train;

import io.warren.core.loop.Topics;
import io.warren.jobs.IdleWatermarks;
import io.warren.jobs.JobConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * TrainJob: every loop's joined events ({@code warren.<loop>.joined}, found by pattern, read_committed)
 * keyed by loop into one online learner per loop ({@link TrainFunction}), each loop's configuration from
 * {@code warren.<loop>.config} on the broadcast side; new model versions go to the model store
 * ({@code <store>/<loop>/<version>.wrn}) and are announced on {@code warren.<loop>.models}. With
 * checkpoints (RocksDB, {@link JobConfig}) a restored job continues each model from the checkpoint barrier.
 * See docs/train.md.
 */
public final class TrainJob {
    private TrainJob() {}

    /**
     * What the job is told.
     *
     * @param bootstrapServers the Kafka cluster
     * @param modelStore       the model store directory (the API's {@code --model-store})
     * @param groupId          consumer group of the joined source ({@code -config} is appended for the config source)
     * @param logTimeout       how long a direct read of a loop's topics (retrain, config, versions) may make no progress
     */
    public record Settings(String bootstrapServers, Path modelStore, String groupId, Duration logTimeout) {
        public static Settings defaults(String bootstrapServers, Path modelStore) {
            return new Settings(bootstrapServers, modelStore, "warren-train", Duration.ofMinutes(2));
        }

        static Settings from(ParameterTool args) {
            Settings d = defaults(args.getRequired("kafka"), Path.of(args.getRequired("model-store")).toAbsolutePath());
            return new Settings(d.bootstrapServers(), d.modelStore(), args.get("group-id", d.groupId()),
                    args.has("log-timeout") ? Duration.parse(args.get("log-timeout")) : d.logTimeout());
        }
    }

    /** Adds the training to {@code env}; checkpointing and the state backend come from the environment's configuration. */
    public static void define(StreamExecutionEnvironment env, Settings s) {
        DataStream<JoinedRecord> joined = env.fromSource(KafkaSource.<JoinedRecord>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopicPattern(Topics.all("joined"))
                        .setGroupId(s.groupId())
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new TrainRecords.Joined(false))
                        .setProperty("isolation.level", "read_committed")
                        // A committed transaction does not wake a waiting read_committed fetch: without this each joined
                        // event would wait out Kafka's default 500 ms fetch wait before it is learned.
                        .setProperty("fetch.max.wait.ms", "50")
                        .setProperty("partition.discovery.interval.ms", "1000")
                        .build(), WatermarkStrategy.noWatermarks(), "joined events")
                .uid("train-joined");
        // Imports, rollbacks and resets of the loops' models, from when the job first ran (a job without
        // state trains each loop's first model from the log, so older ones do not matter to it).
        DataStream<JoinedRecord> announced = env.fromSource(KafkaSource.<JoinedRecord>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopicPattern(Topics.all("models"))
                        .setGroupId(s.groupId() + "-models")
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST))
                        .setDeserializer(new TrainRecords.Joined(true))
                        .setProperty("partition.discovery.interval.ms", "1000")
                        .build(), WatermarkStrategy.noWatermarks(), "model announcements")
                .uid("train-announcements");
        BroadcastStream<TrainConfig> configs = env.fromSource(KafkaSource.<TrainConfig>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopicPattern(Topics.all("config"))
                        .setGroupId(s.groupId() + "-config")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new TrainRecords.Configs())
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("partition.discovery.interval.ms", "1000")
                        .build(), IdleWatermarks.always(), "loop configurations")
                .uid("train-configs")
                .broadcast(TrainFunction.CONFIGS);
        joined.union(announced).keyBy(new ByLoop())
                .connect(configs)
                .process(new TrainFunction(s.bootstrapServers(), s.modelStore(), s.logTimeout()))
                .uid("train").name("train")
                .sinkTo(KafkaSink.<ModelAnnouncement>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setRecordSerializer(new TrainRecords.Announcements())
                        // The API serves the last announcement it reads: a repeated one is harmless.
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .setProperty("enable.idempotence", "true")
                        .build())
                .uid("models-sink").name("models");
    }

    /** The learner's key: the loop. */
    static final class ByLoop implements KeySelector<JoinedRecord, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(JoinedRecord r) {
            return r.loop;
        }
    }

    /**
     * {@code flink run ... --kafka host:9092 --model-store dir [--group-id warren-train] [--log-timeout PT2M]
     * [--checkpoints dir [--checkpoint-interval PT1S] [--restore-from chk]]}.
     */
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobConfig.fromArgs(params));
        define(env, Settings.from(params));
        env.execute("warren-train");
    }
}
