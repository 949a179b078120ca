package io.warren.api.bench;

import io.warren.core.driver.InputSetup;
import io.warren.core.driver.LearnerStack;
import io.warren.core.driver.VwOptions;
import io.warren.core.parse.LabelParser;
import io.warren.core.parse.LineReader;
import io.warren.core.parse.MultiExample;
import io.warren.core.parse.TextExampleReader;
import io.warren.core.parse.TextParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The learner thread's work per event, without the parser: {@code learnOne} over events parsed into memory
 * beforehand (the first ones of the learner benchmark's K=10 data, {@code ops/bench/learner_bench.py}
 * makes it), cycling through them, for training ({@code --cb_type mtr} or {@code ips}) and for prediction
 * alone. Weighs the learner's steady state against {@code warren train}'s whole-process time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
public class LearnStepBench {
    private static final Path DATA = Path.of("ops/bench/work/cb_adf_n200000_k10_s1.txt");

    @Param({"mtr", "ips"})
    public String cbType;

    @Param({"true", "false"})
    public boolean training;

    /** Events cycled through: 2,000 spill the caches as a stream of fresh events does; 20 stay in them. */
    @Param({"2000"})
    public int events;

    private LearnerStack stack;
    private final List<MultiExample> parsed = new ArrayList<>();
    private int next;

    @Setup
    public void setup() throws IOException {
        Path data = Files.exists(DATA) ? DATA : Path.of("..").resolve(DATA);
        VwOptions options = VwOptions.parse(List.of("--cb_explore_adf", "--epsilon", "0.1", "-q", "sa", "--cb_type",
                cbType));
        stack = LearnerStack.build(options);
        LabelParser labels = stack.newLabelParser();
        TextParser parser = new TextParser(InputSetup.hasher(options), InputSetup.hashSeed(options),
                stack.weights.bits, false, labels);
        try (TextExampleReader reader = new TextExampleReader(LineReader.open(data), parser,
                InputSetup.exampleSetup(options, stack, labels, false), labels, stack.multiline())) {
            MultiExample event;
            while (parsed.size() < events && (event = reader.next()) != null) {
                parsed.add(event);
            }
        }
    }

    @Benchmark
    public void learnOne() {
        stack.learnOne(parsed.get(next).examples, training);
        next = next + 1 == parsed.size() ? 0 : next + 1;
    }
}
