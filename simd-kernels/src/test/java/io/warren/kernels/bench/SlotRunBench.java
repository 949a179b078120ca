package io.warren.kernels.bench;

import io.warren.kernels.FeatureBuffer;
import io.warren.kernels.ScalarKernels;
import io.warren.kernels.SlotRun;
import io.warren.kernels.SparseKernels;
import io.warren.kernels.UpdateRule;
import io.warren.kernels.VectorKernels;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Learns the K action lines of one cb_adf event one after the other, as {@code --cb_type ips} does: each
 * line 231 features (20 shared, 10 action, the 20x10 quadratic) on the same slots of a -b 18 table, with its
 * own values. {@code table}: the buffered passes of {@code impl} against the table ({@link SparseKernels}
 * dot, pred-per-update, update), the values written per line as the learner's collect does; {@code slotRun}:
 * the same steps on a dense copy of the slots ({@link SlotRun}), gathered and scattered once per event.
 * Scores are ns per line. The squared-loss update is simplified (a fixed rate over pred-per-update): the
 * passes, not the loss, are measured.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SlotRunBench {
    private static final int BITS = 18;
    private static final int SHIFT = 2;
    private static final int FEATURES = 231;
    private static final int LINES = 10;
    private static final UpdateRule RULE = UpdateRule.of(true, true, 0.5f);

    @Param({"scalar", "vector"})
    public String impl;

    private SparseKernels kernels;
    private float[] weights;
    private float[] state;
    private long[] index;
    private float[][] values;
    private float[] label;
    private final FeatureBuffer features = new FeatureBuffer();
    private final float[] acc = new float[2];
    private SlotRun run;
    private long mask;

    @Setup
    public void setup() {
        kernels = impl.equals("vector") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        run = new SlotRun(kernels);
        SplittableRandom r = new SplittableRandom(3);
        weights = new float[1 << BITS];
        state = new float[(1 << BITS) << SHIFT];
        mask = ((1L << BITS) << SHIFT) - 1;
        index = new long[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            index[i] = (r.nextLong() & 0xffffffffL) << SHIFT;
        }
        values = new float[LINES][FEATURES];
        label = new float[LINES];
        for (int k = 0; k < LINES; k++) {
            for (int i = 0; i < FEATURES; i++) {
                values[k][i] = (float) r.nextGaussian();
            }
            label[k] = k == 3 ? 1f : 0f;
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public float table() {
        float sum = 0f;
        for (int k = 0; k < LINES; k++) {
            features.clear();
            features.addRun(index, values[k], 0, FEATURES, 0L, 0L, 1f, mask);
            float p = kernels.dot(weights, SHIFT, features, 0f);
            float g = p - label[k];
            acc[0] = 0f;
            acc[1] = 0f;
            kernels.predPerUpdate(weights, state, SHIFT, features, 4f * g * g + 1e-6f, RULE, false, acc);
            kernels.update(weights, state, SHIFT, features, -0.01f * g / (1f + acc[0]), RULE);
            sum += p;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public float slotRun() {
        float sum = 0f;
        features.clear();
        features.addRun(index, values[0], 0, FEATURES, 0L, 0L, 1f, mask);
        run.gather(weights, state, SHIFT, features, RULE);
        for (int k = 0; k < LINES; k++) {
            if (k > 0) {
                features.clear();
                features.addValues(values[k], 0, FEATURES, 1f);
            }
            float p = run.dot(features, 0f);
            float g = p - label[k];
            acc[0] = 0f;
            acc[1] = 0f;
            run.predPerUpdate(features, 4f * g * g + 1e-6f, acc);
            run.update(features, -0.01f * g / (1f + acc[0]));
            sum += p;
        }
        run.scatter(weights, state, SHIFT, RULE);
        return sum;
    }
}
