package io.warren.jobs;

import io.warren.joiner.JoinInput;
import io.warren.joiner.JoinKeySelector;
import io.warren.joiner.JoinedEvent;
import io.warren.joiner.LoopSettings;
import io.warren.joiner.RewardJoinFunction;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.storage.FileSystemCheckpointStorage;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.Collector;

/**
 * The join operator alone (ops/bench/jobs_bench.sh join-operator): JoinJob's {@link RewardJoinFunction} in
 * Flink's operator harness with the job's RocksDB settings ({@link JobConfig}) and a snapshot every
 * {@value #SNAPSHOT_EVERY} events, on one thread, no Kafka; against, in the same run, the least keyed-state
 * work any join keyed by event id does ({@link Floor}): with the decision's text in state, and with only the
 * event id in its place. Prints one line of JSON: CPU microseconds per event (a decision and its reward) on
 * the operator's thread over the last three quarters of the input, and those of all other threads of the
 * JVM (RocksDB's flush and compaction, GC, the JIT) beside it.
 *
 * <p>What it answers: how far below the join's cost any layout of keyed RocksDB state can go. JoinJob at
 * 100k records/s on 2 cores leaves the join about 22 us of CPU per event (docs/join.md, "Speed").
 */
public final class JoinOperatorBench {
    /** The join's default reward wait, which the floor's window has too. */
    private static final long WAIT = LoopSettings.defaults("bench").rewardWaitMillis;
    private static final int SNAPSHOT_EVERY = 20_000;
    private static final int WATERMARK_EVERY = 500;

    private JoinOperatorBench() {}

    /** Steady CPU per event: on the operator's thread, and on every other thread of the JVM. */
    private record Cost(double operatorMicros, double backgroundMicros) {}

    public static void main(String[] args) throws Exception {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        JoinInput[][] inputs = inputs(decisions);
        StringBuilder json = new StringBuilder("{\"decisions\":").append(decisions);
        // A first pass over all three warms the JIT; the second is reported.
        for (int pass = 0; pass < 2; pass++) {
            Cost join = time(RewardJoinFunction::new, inputs);
            Cost floorText = time(() -> new Floor(true), inputs);
            Cost floorId = time(() -> new Floor(false), inputs);
            if (pass == 1) {
                append(json, "join", join);
                append(json, "floor_text", floorText);
                append(json, "floor_id", floorId);
                json.append(String.format(Locale.ROOT, ",\"join_vs_floor_text\":%.2f}",
                        join.operatorMicros / floorText.operatorMicros));
            }
        }
        System.out.println(json);
    }

    private static void append(StringBuilder json, String name, Cost cost) {
        json.append(String.format(Locale.ROOT, ",\"%s_us_per_event\":%.1f,\"%s_background_us_per_event\":%.1f",
                name, cost.operatorMicros, name, cost.backgroundMicros));
    }

    /** JoinThroughputBench's decisions over 20 minutes of event time, each with a reward 1 s after it. */
    private static JoinInput[][] inputs(int decisions) {
        long base = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        long span = Duration.ofMinutes(20).toMillis();
        JoinInput[][] pairs = new JoinInput[decisions][];
        for (int i = 0; i < decisions; i++) {
            String id = "b" + i;
            long at = base + i * span / decisions;
            pairs[i] = new JoinInput[] {
                JoinInput.of("warren.bench.decisions", id, JoinThroughputBench.decision(id, at)),
                JoinInput.of("warren.bench.rewards", id, JoinTraffic.reward(id, at + 1000, i % 2))};
        }
        return pairs;
    }

    private static Cost time(Supplier<KeyedBroadcastProcessFunction<String, JoinInput, LoopSettings, JoinedEvent>> function,
                             JoinInput[][] pairs) throws Exception {
        // Under java.io.tmpdir, which jobs_bench.sh points at a scratch dir it deletes after each run.
        Path work = Files.createTempDirectory("join-operator");
        var harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(function.get(), List.of(RewardJoinFunction.SETTINGS)),
                JoinKeySelector.INSTANCE, Types.STRING, 128, 1, 0);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend(true)
                .configure(JoinThroughputBench.jobConfig(work), JoinOperatorBench.class.getClassLoader()));
        harness.setCheckpointStorage(new FileSystemCheckpointStorage(work.toUri()));
        harness.setup();
        harness.open();
        harness.processBroadcastWatermark(Long.MAX_VALUE);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long threadStart = 0;
        long processStart = 0;
        long checkpoint = 0;
        for (int i = 0; i < pairs.length; i++) {
            if (i == pairs.length / 4) {
                threadStart = threads.getCurrentThreadCpuTime();
                processStart = process.getProcessCpuTime();
            }
            for (JoinInput in : pairs[i]) {
                harness.processElement(in, in.timestampMillis);
            }
            if (i % WATERMARK_EVERY == 0) {
                harness.processWatermark(pairs[i][0].timestampMillis - 2000);
                harness.getOutput().clear();
            }
            if (i % SNAPSHOT_EVERY == SNAPSHOT_EVERY - 1) {
                harness.snapshot(++checkpoint, checkpoint);
                harness.notifyOfCompletedCheckpoint(checkpoint);
            }
        }
        harness.processWatermark(Long.MAX_VALUE);
        double steadyEvents = pairs.length - pairs.length / 4;
        double operator = (threads.getCurrentThreadCpuTime() - threadStart) / 1e3 / steadyEvents;
        double all = (process.getProcessCpuTime() - processStart) / 1e3 / steadyEvents;
        harness.close();
        return new Cost(operator, all - operator);
    }

    /**
     * The least keyed-state work of a join keyed by event id: a decision is looked up (is it a duplicate?),
     * written once and sets one timer; a reward is appended without a read; the timer reads both, emits and
     * clears them. No parsing, no tombstone, no late or early handling: a bound, not a join.
     */
    static final class Floor extends KeyedBroadcastProcessFunction<String, JoinInput, LoopSettings, JoinedEvent> {
        private final boolean text;
        private transient ValueState<byte[]> decision;
        private transient ListState<byte[]> rewards;

        /** @param text whether the decision's text is kept (else only its event id) */
        Floor(boolean text) {
            this.text = text;
        }

        @Override
        public void open(OpenContext context) {
            decision = getRuntimeContext().getState(
                    new ValueStateDescriptor<>("decision", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
            rewards = getRuntimeContext().getListState(
                    new ListStateDescriptor<>("rewards", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        }

        @Override
        public void processElement(JoinInput in, ReadOnlyContext ctx, Collector<JoinedEvent> out) throws Exception {
            if (in.kind != JoinInput.Kind.DECISION) {
                rewards.add(in.json.getBytes(StandardCharsets.UTF_8));
            } else if (decision.value() == null) {
                decision.update((text ? in.json : in.eventId).getBytes(StandardCharsets.UTF_8));
                ctx.timerService().registerEventTimeTimer(in.timestampMillis + WAIT);
            }
        }

        @Override
        public void onTimer(long time, OnTimerContext ctx, Collector<JoinedEvent> out) throws Exception {
            int rewardBytes = 0;
            for (byte[] reward : rewards.get()) {
                rewardBytes += reward.length;
            }
            String line = new String(decision.value(), StandardCharsets.UTF_8) + rewardBytes;
            out.collect(new JoinedEvent("bench", ctx.getCurrentKey(), line, time));
            decision.clear();
            rewards.clear();
        }

        @Override
        public void processBroadcastElement(LoopSettings settings, Context ctx, Collector<JoinedEvent> out) {}
    }
}
