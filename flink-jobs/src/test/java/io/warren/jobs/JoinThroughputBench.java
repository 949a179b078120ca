package io.warren.jobs;

import io.warren.core.loop.Topics;
import io.warren.joiner.JoinInput;
import io.warren.joiner.JoinKeySelector;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * JoinJob's throughput (ops/bench/jobs_bench.sh join): a backlog of decisions and their rewards in a real
 * broker, joined exactly once with RocksDB state on the local cluster, against a baseline measured in the
 * same run: the same records copied from the same topics to a topic through the same exactly-once sink,
 * with nothing in between. Prints one line of JSON.
 *
 * <p>The decisions span 20 minutes of event time under the default 10-minute reward wait, and one record
 * 11 minutes later in every partition moves event time past every window, so every decision is joined.
 */
public final class JoinThroughputBench {
    private static final String LOOP = "bench";
    private static final int PARTITIONS = 2;
    /**
     * The steady rate is taken over the last three quarters of the input: the first quarter holds the job's
     * start and most of the JIT's work (in a 30 s run the compiler threads use a third of all CPU), which a
     * long-running job pays once.
     */
    private static final double STEADY_SHARE = 0.75;

    /**
     * Seconds from submission until all output was committed, and from a quarter of the input read until all;
     * the CPU seconds the whole JVM (job, broker, RocksDB, JIT) used in that steady part.
     */
    private record Timing(double seconds, double steadySeconds, double steadyCpuSeconds) {}

    private JoinThroughputBench() {}

    /** The baselines' sink to {@code topic}: exactly once with the join's own producer settings. */
    private static KafkaSink<String> copySink(KafkaForJobs kafka, String topic) {
        var sink = KafkaSink.<String>builder().setBootstrapServers(kafka.bootstrap())
                .setRecordSerializer(KafkaRecordSerializationSchema.<String>builder().setTopic(topic)
                        .setValueSerializationSchema(new org.apache.flink.api.common.serialization.SimpleStringSchema())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).setTransactionalIdPrefix(topic);
        JoinJob.SINK_PRODUCER.forEach(sink::setProperty);
        return sink.build();
    }

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        Path work = Files.createTempDirectory("join-bench");
        try (KafkaForJobs kafka = KafkaForJobs.start()) {
            kafka.createTopics(Map.of(Topics.decisions(LOOP), PARTITIONS, Topics.rewards(LOOP), PARTITIONS,
                    Topics.joined(LOOP), PARTITIONS, Topics.late(LOOP), 1, Topics.config(LOOP), 1, "bench-copy",
                    PARTITIONS, "bench-keyed", PARTITIONS), Set.of(Topics.config(LOOP)));
            long produceStart = System.nanoTime();
            produce(kafka, decisions);
            double produceSeconds = (System.nanoTime() - produceStart) / 1e9;

            long inputs = 2L * decisions + 2 * PARTITIONS; // produce() adds one decision and reward per partition
            Timing copy = timeCopy(kafka, work.resolve("copy"), parallelism, inputs);
            Timing keyed = timeKeyed(kafka, work.resolve("keyed"), parallelism, decisions + PARTITIONS, inputs);
            Timing join = timeJoin(kafka, work.resolve("join"), parallelism, decisions, inputs);
            long records = 2L * decisions;
            System.out.println(String.format(Locale.ROOT, "{\"decisions\":%d,\"rewards\":%d,\"parallelism\":%d,"
                            + "\"produce_s\":%.2f,\"join_s\":%.2f,\"join_records_per_s\":%.0f,"
                            + "\"join_steady_records_per_s\":%.0f,\"copy_s\":%.2f,\"copy_records_per_s\":%.0f,"
                            + "\"copy_steady_records_per_s\":%.0f,\"join_vs_copy\":%.2f,\"steady_join_vs_copy\":%.2f,"
                            + "\"keyed_s\":%.2f,\"keyed_records_per_s\":%.0f,\"keyed_steady_records_per_s\":%.0f,"
                            + "\"steady_cpu_us_per_record\":{\"copy\":%.1f,\"keyed\":%.1f,\"join\":%.1f}}",
                    decisions, decisions, parallelism, produceSeconds, join.seconds, records / join.seconds,
                    records * STEADY_SHARE / join.steadySeconds, copy.seconds, records / copy.seconds,
                    records * STEADY_SHARE / copy.steadySeconds, copy.seconds / join.seconds,
                    copy.steadySeconds / join.steadySeconds, keyed.seconds, records / keyed.seconds,
                    records * STEADY_SHARE / keyed.steadySeconds, cpuMicrosPerRecord(copy, records),
                    cpuMicrosPerRecord(keyed, records), cpuMicrosPerRecord(join, records)));
        }
    }

    private static double cpuMicrosPerRecord(Timing timing, long records) {
        return timing.steadyCpuSeconds * 1e6 / (records * STEADY_SHARE);
    }

    private static void produce(KafkaForJobs kafka, int decisions) throws Exception {
        long base = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        long span = Duration.ofMinutes(20).toMillis();
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            for (int i = 0; i < decisions; i++) {
                String id = "b" + i;
                long at = base + i * span / decisions;
                producer.send(new ProducerRecord<>(Topics.decisions(LOOP), id, decision(id, at)));
                producer.send(new ProducerRecord<>(Topics.rewards(LOOP), id, "{\"EventId\":\"" + id
                        + "\",\"Timestamp\":\"" + Instant.ofEpochMilli(at + 1000) + "\",\"kind\":\"reward\",\"value\":"
                        + (i % 2) + "}"));
            }
            // Each partition's time must pass the last window: one record 11 minutes on in every partition.
            long end = base + span + Duration.ofMinutes(11).toMillis();
            for (int p = 0; p < PARTITIONS; p++) {
                String id = "b-end-" + p;
                producer.send(new ProducerRecord<>(Topics.decisions(LOOP), p, id, decision(id, end)));
                producer.send(new ProducerRecord<>(Topics.rewards(LOOP), p, id, "{\"EventId\":\"" + id
                        + "\",\"Timestamp\":\"" + Instant.ofEpochMilli(end) + "\",\"kind\":\"reward\",\"value\":0}"));
            }
            producer.flush();
        }
    }

    /** A decision the size of Personalizer's: 10 actions with a few features each, a small context. */
    static String decision(String id, long at) {
        StringBuilder b = new StringBuilder(1024).append("{\"EventId\":\"").append(id).append("\",\"Timestamp\":\"")
                .append(Instant.ofEpochMilli(at)).append("\",\"Version\":\"1\",\"a\":[3,1,2,4,5,6,7,8,9,10],\"p\":[")
                .append("0.82,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02,0.02],\"c\":{\"FromUrl\":[{\"user\":{\"mood\":")
                .append("\"tired\",\"visits\":7}},{\"time\":{\"hour\":13}}],\"_multi\":[");
        for (int a = 0; a < 10; a++) {
            b.append(a == 0 ? "" : ",").append("{\"_tag\":\"item-").append(a).append("\",\"i\":{\"constant\":1,")
                    .append("\"id\":\"item-").append(a).append("\"},\"j\":[{\"kind\":\"k").append(a % 3)
                    .append("\",\"price\":").append(a + 0.5).append("}]}");
        }
        return b.append("]},\"VWState\":{\"m\":\"v1\"},\"DeferredAction\":false,\"_learningMode\":\"Online\",")
                .append("\"_loop\":\"").append(LOOP).append("\"}").toString();
    }

    /**
     * The jobs' configuration ({@link JobConfig}, 1 s checkpoints) with {@code -Dbench.flink="key=value,..."}: Flink
     * settings to try, on every job (or operator) of the run.
     */
    static org.apache.flink.configuration.Configuration jobConfig(Path checkpoints) {
        org.apache.flink.configuration.Configuration conf = JobConfig.of(checkpoints, Duration.ofSeconds(1), null);
        for (String pair : System.getProperty("bench.flink", "").split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                conf.addAll(org.apache.flink.configuration.Configuration.fromMap(Map.of(kv[0].trim(), kv[1].trim())));
            }
        }
        return conf;
    }

    private static StreamExecutionEnvironment environment(Path checkpoints, int parallelism) {
        org.apache.flink.configuration.Configuration conf = jobConfig(checkpoints);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static Timing timeJoin(KafkaForJobs kafka, Path checkpoints, int parallelism, long expected,
                                   long inputs) throws Exception {
        StreamExecutionEnvironment env = environment(checkpoints, parallelism);
        JoinJob.Settings settings = JoinJob.Settings.defaults(kafka.bootstrap());
        JoinJob.define(env, settings);
        // The job's source commits what it read under the group named by the transactional id prefix.
        return timeUntil(env, kafka, settings.transactionalIdPrefix(), Topics.joined(LOOP), expected, inputs);
    }

    /** The baseline: decisions and rewards straight from the source to one topic, exactly once. */
    private static Timing timeCopy(KafkaForJobs kafka, Path checkpoints, int parallelism, long expected)
            throws Exception {
        StreamExecutionEnvironment env = environment(checkpoints, parallelism);
        KafkaSource<String> source = KafkaSource.<String>builder().setBootstrapServers(kafka.bootstrap())
                .setTopicPattern(Topics.all("decisions", "rewards")).setGroupId("bench-copy")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(KafkaRecordDeserializationSchema.valueOnly(StringDeserializer.class)).build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "records")
                .sinkTo(copySink(kafka, "bench-copy"));
        return timeUntil(env, kafka, "bench-copy", "bench-copy", expected, expected);
    }

    /**
     * The join's bound: JoinJob's own source, record reading and keyBy, exactly-once sink and producer settings, with
     * a keyed function that keeps no state and sets no timer in place of the join (each decision out at once, rewards
     * dropped): what the job would cost if keeping events until their window's end cost nothing.
     */
    private static Timing timeKeyed(KafkaForJobs kafka, Path checkpoints, int parallelism, long expected, long inputs)
            throws Exception {
        StreamExecutionEnvironment env = environment(checkpoints, parallelism);
        JoinJob.Settings d = JoinJob.Settings.defaults(kafka.bootstrap());
        JoinJob.Settings settings = new JoinJob.Settings(d.bootstrapServers(), d.outOfOrderness(), d.quiet(),
                d.earlyRewardWindow(), d.dedupRetention(), "bench-keyed");
        JoinJob.inputs(env, settings).keyBy(JoinKeySelector.INSTANCE).process(new DecisionsOnly())
                .sinkTo(copySink(kafka, "bench-keyed"));
        return timeUntil(env, kafka, "bench-keyed", "bench-keyed", expected, inputs);
    }

    /** Each decision's text out as it comes; rewards dropped. */
    private static final class DecisionsOnly extends KeyedProcessFunction<String, JoinInput, String> {
        @Override
        public void processElement(JoinInput input, Context ctx, Collector<String> out) {
            if (input.kind == JoinInput.Kind.DECISION) {
                out.collect(input.json);
            }
        }
    }

    /**
     * Times the job from submission until {@code topic} holds {@code expected} committed records, and its
     * steady rate: the input read between a quarter and all of it (the source's offsets committed by the
     * consumer {@code group} at checkpoints) over the time that took.
     */
    private static Timing timeUntil(StreamExecutionEnvironment env, KafkaForJobs kafka, String group, String topic,
                                    long expected, long inputs) throws Exception {
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long start = System.nanoTime();
        long quarterRead = 0;
        long allRead = 0;
        long quarterCpu = 0;
        long allCpu = 0;
        JobClient job = env.executeAsync(topic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrap()))) {
            while (committed(admin, topic) < expected) {
                long read = allRead == 0 ? read(admin, group) : inputs;
                if (quarterRead == 0 && read >= inputs * (1 - STEADY_SHARE)) {
                    quarterRead = System.nanoTime();
                    quarterCpu = process.getProcessCpuTime();
                }
                if (allRead == 0 && read >= inputs) {
                    allRead = System.nanoTime();
                    allCpu = process.getProcessCpuTime();
                }
                Thread.sleep(100);
            }
        }
        long end = System.nanoTime();
        long endCpu = process.getProcessCpuTime();
        job.cancel().get();
        return new Timing((end - start) / 1e9, ((allRead == 0 ? end : allRead) - quarterRead) / 1e9,
                ((allRead == 0 ? endCpu : allCpu) - quarterCpu) / 1e9);
    }

    /** Records of the decisions and rewards topics that {@code group} committed as read. */
    private static long read(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                .filter(java.util.Objects::nonNull).mapToLong(o -> o.offset()).sum();
    }

    /**
     * Offsets committed so far (the last stable offsets), summed over partitions. They count each
     * transaction's commit marker too, a few dozen over a run: the timing ends that much early.
     */
    private static long committed(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().values()
                .stream().mapToLong(info -> info.offset()).sum();
    }
}
