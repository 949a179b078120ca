package io.warren.jobs;

import io.warren.core.loop.Topics;
import io.warren.joiner.JoinInput;
import io.warren.joiner.JoinKeySelector;
import io.warren.joiner.JoinedEvent;
import io.warren.joiner.LateReward;
import io.warren.joiner.LoopSettings;
import io.warren.joiner.RewardJoinFunction;
import io.warren.jobs.train.LoopLog;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * JoinJob: every loop's decisions and rewards from Kafka ({@code warren.<loop>.decisions|rewards}, found by
 * pattern, so a new loop joins without a restart), joined by {@link RewardJoinFunction} under each loop's
 * settings from {@code warren.<loop>.config}, out to {@code warren.<loop>.joined} and {@code .late} through
 * transactional sinks: with checkpoints and RocksDB state every event is joined exactly once, also across
 * a kill and a restore from the last checkpoint.
 */
public final class JoinJob {
    private JoinJob() {}

    /** What the job is told; {@link #from} reads it from {@code --name value} arguments. */
    public record Settings(String bootstrapServers, Duration outOfOrderness, Duration quiet, Duration earlyRewardWindow,
                           Duration dedupRetention, String transactionalIdPrefix) {
        public static Settings defaults(String bootstrapServers) {
            return new Settings(bootstrapServers, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(2),
                    Duration.ofMinutes(10), "warren-join");
        }

        static Settings from(ParameterTool args) {
            Settings d = defaults(args.getRequired("kafka"));
            return new Settings(d.bootstrapServers(), duration(args, "out-of-orderness", d.outOfOrderness()),
                    duration(args, "quiet", d.quiet()), duration(args, "early-reward-window", d.earlyRewardWindow()),
                    duration(args, "dedup-retention", d.dedupRetention()),
                    args.get("transactional-id-prefix", d.transactionalIdPrefix()));
        }

        private static Duration duration(ParameterTool args, String name, Duration otherwise) {
            return args.has(name) ? Duration.parse(args.get(name)) : otherwise;
        }
    }

    /** Adds the join to {@code env}; checkpointing and the state backend come from the environment's configuration. */
    public static void define(StreamExecutionEnvironment env, Settings s) {
        DataStream<JoinInput> inputs = inputs(env, s);
        BroadcastStream<LoopSettings> settings = env.fromSource(KafkaSource.<LoopSettings>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopicPattern(Topics.all("config"))
                        .setGroupId(s.transactionalIdPrefix() + "-config")
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(LoopRecordDeserializer.loopSettings())
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("partition.discovery.interval.ms", "1000")
                        .build(), IdleWatermarks.always(), "loop settings")
                .uid("loop-settings")
                .broadcast(RewardJoinFunction.SETTINGS);
        SingleOutputStreamOperator<JoinedEvent> joined = inputs.keyBy(JoinKeySelector.INSTANCE)
                .connect(settings)
                .process(new RewardJoinFunction(s.earlyRewardWindow(), s.dedupRetention(),
                        settingsFromTopic(s.bootstrapServers())))
                .uid("reward-join").name("reward join");
        joined.sinkTo(exactlyOnce(s, "joined", LoopRecordSchema.joined())).uid("joined-sink").name("joined");
        joined.getSideOutput(RewardJoinFunction.LATE).sinkTo(exactlyOnce(s, "late", LoopRecordSchema.late()))
                .uid("late-sink").name("late");
    }

    /** Every loop's decisions and rewards, with event-time watermarks (also what JoinThroughputBench's bound reads). */
    static DataStream<JoinInput> inputs(StreamExecutionEnvironment env, Settings s) {
        long outOfOrder = s.outOfOrderness().toMillis();
        long quiet = s.quiet().toMillis();
        WatermarkStrategy<JoinInput> eventTime = WatermarkStrategy
                .<JoinInput>forGenerator(ctx -> new CaughtUpWatermarks<>(outOfOrder, quiet, System::currentTimeMillis))
                .withTimestampAssigner((input, kafkaTime) -> input.timestampMillis);
        return env.fromSource(KafkaSource.<JoinInput>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopicPattern(Topics.all("decisions", "rewards"))
                        .setGroupId(s.transactionalIdPrefix())
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(LoopRecordDeserializer.joinInputs())
                        // The API's spool drains in transactions: an aborted batch (a crash) is sent again.
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("partition.discovery.interval.ms", "1000")
                        .build(), eventTime, "decisions and rewards")
                .uid("join-inputs");
    }

    /** A loop's latest settings read straight from its config topic, for decisions read before the broadcast. */
    private static RewardJoinFunction.SettingsLookup settingsFromTopic(String bootstrap) {
        return loop -> new LoopLog(bootstrap, Duration.ofSeconds(30)).latestConfig(loop, (json, offset) -> {
            LoopSettings settings = LoopSettings.fromConfigRecord(json);
            return loop.equals(settings.loop) ? settings : null;
        });
    }

    /**
     * Producer settings of the exactly-once sinks: bigger batches, a little linger and lz4 (joined lines
     * are JSON). On 2 cores with the broker beside the job they made an exactly-once copy of the join's
     * inputs 1.75x and the join 1.33x faster (ops/bench/results/join-20261201T235452Z.md); the linger is far
     * below the checkpoint interval that decides when joined records become visible.
     */
    public static final Map<String, String> SINK_PRODUCER = Map.of("linger.ms", "20", "batch.size", "262144",
            "compression.type", "lz4",
            // Below the broker's transaction.max.timeout.ms (15 min by default), above any checkpoint gap.
            "transaction.timeout.ms", Long.toString(Duration.ofMinutes(10).toMillis()));

    private static <T> KafkaSink<T> exactlyOnce(Settings s, String name, KafkaRecordSerializationSchema<T> schema) {
        var sink = KafkaSink.<T>builder()
                .setBootstrapServers(s.bootstrapServers())
                .setRecordSerializer(schema)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(s.transactionalIdPrefix() + "-" + name);
        SINK_PRODUCER.forEach(sink::setProperty);
        return sink.build();
    }

    /** {@code flink run ... --kafka host:9092 [--quiet PT1S ...]}: checkpointing as the cluster configures it. */
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobConfig.fromArgs(params));
        define(env, Settings.from(params));
        env.execute("warren-join");
    }
}
