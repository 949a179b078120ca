package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.hash.FeatureHasher;
import io.warren.core.parse.ExampleSetup;
import io.warren.core.parse.LabelParser;
import io.warren.core.parse.LineReader;
import io.warren.core.parse.MultiExample;
import io.warren.core.parse.NgramTransformer;
import io.warren.core.parse.TextExampleReader;
import io.warren.core.parse.TextParser;
import io.warren.core.sim.LoggedDataWriter;
import io.warren.core.sim.SimulatedProduct;
import io.warren.core.sim.SimulationConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once warm, reading, parsing and learning a cb_adf event allocates nothing: the examples, their
 * feature arrays and every reduction's scratch are reused. Measured with the JVM's per-thread
 * allocation counter over thousands of events after a warm-up.
 */
class AllocationFreeLearningTest {
    private static final int MEASURED = 3000;

    @ParameterizedTest
    @ValueSource(strings = {"--cb_explore_adf --epsilon 0.1 -q sa", "--cb_explore_adf -q :: --power_t 0 -l 0.001",
        "--cb_explore_adf --squarecb -q sa", "--cb_explore_adf --cb_type ips -q sa", "--cb_adf --cb_type dr -q sa"})
    void steadyStateLearningAllocatesNothingPerEvent(String args) throws IOException {
        assertThat(bytesPerEvent(args, SimulationConfig.defaults(), 3000)).as("bytes allocated per event with %s", args)
                .isLessThan(16);
    }

    /** 20 actions with the same feature names: scored in vector lanes, which allocate until C2 compiles them. */
    @Test
    void laneScoringAllocatesNothingPerEvent() throws IOException {
        SimulationConfig twenty = new SimulationConfig(20, 20, 10, 0.1, 0.0, 10_000, false, 1);
        assertThat(bytesPerEvent("--cb_explore_adf --epsilon 0.1 -q sa", twenty, 20_000)).isLessThan(16);
    }

    /** Joined DSJSON lines as TrainJob learns them: the JSON reader allocates nothing per line either. */
    @Test
    void steadyStateDsJsonLearningAllocatesNothingPerEvent() throws IOException {
        int warmup = 3000;
        StringWriter data = new StringWriter();
        new LoggedDataWriter(new SimulatedProduct(SimulationConfig.defaults()), LoggedDataWriter.Format.DSJSON)
                .write(data, warmup + MEASURED);
        byte[][] lines = data.toString().lines().map(line -> line.getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        DsJsonLearner learner = DsJsonLearner.fresh("--cb_explore_adf --epsilon 0.1 -q ::");
        for (int i = 0; i < warmup; i++) {
            assertThat(learner.learn(lines[i])).isEqualTo(DsJsonLearner.Outcome.LEARNED);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = warmup; i < warmup + MEASURED; i++) {
            learner.learn(lines[i]);
        }
        assertThat((threads.getCurrentThreadAllocatedBytes() - before) / MEASURED).isLessThan(16);
    }

    private static long bytesPerEvent(String args, SimulationConfig simulation, int warmup) throws IOException {
        StringWriter data = new StringWriter();
        new LoggedDataWriter(new SimulatedProduct(simulation), LoggedDataWriter.Format.TEXT).write(data, warmup + MEASURED);
        LearnerStack stack = LearnerStack.build(VwOptions.parse(List.of(args.split(" "))));
        LabelParser labels = stack.newLabelParser();
        ExampleSetup setup = new ExampleSetup(labels, new boolean[256], new NgramTransformer(List.of(), List.of()),
                true, stack.indexMultiplier(), stack.interactions, false, false);
        TextParser parser = new TextParser(FeatureHasher.STRINGS, 0, stack.weights.bits, false, labels);
        byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
        try (TextExampleReader reader = new TextExampleReader(new LineReader(new ByteArrayInputStream(bytes)), parser,
                setup, labels, true)) {
            learn(reader, stack, warmup);
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            learn(reader, stack, MEASURED);
            return (threads.getCurrentThreadAllocatedBytes() - before) / MEASURED;
        }
    }

    private static void learn(TextExampleReader reader, LearnerStack stack, int events) throws IOException {
        for (int i = 0; i < events; i++) {
            MultiExample unit = reader.next();
            stack.learnOne(unit.examples, true);
            reader.release(unit);
        }
    }
}
