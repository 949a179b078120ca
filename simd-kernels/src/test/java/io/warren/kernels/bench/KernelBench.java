package io.warren.kernels.bench;

import io.warren.kernels.ScalarKernels;
import io.warren.kernels.SparseKernels;
import io.warren.kernels.VectorKernels;
import java.util.SplittableRandom;
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
 * Scores one cb_adf event as the learner does: K actions, each a shared namespace (20 features), an
 * action namespace (10), a constant and the 20x10 shared-action quadratic, against a -b 18 weight
 * table. {@code layout}: "interleaved" reads weights from VW's stride-4 table (4 MB), "compact" from a
 * separate one-float-per-slot table (1 MB). {@code impl}: the scalar or the Vector API kernel.
 * Run with ops/bench/jmh.sh; the ratio between rows is what decides defaults.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBench {
    private static final int BITS = 18;
    private static final int SHIFT = 2;
    private static final long FNV = 16777619L;
    private static final int EVENTS = 512;

    @Param({"interleaved", "compact"})
    public String layout;

    @Param({"scalar", "vector"})
    public String impl;

    @Param({"10", "50"})
    public int actions;

    private SparseKernels kernels;
    private float[] weights;
    private int shift;
    private long mask;
    private long[][] shared;
    private float[][] sharedValues;
    private long[][][] actionIndex;
    private float[][][] actionValues;
    private int event;

    @Setup
    public void setup() {
        kernels = impl.equals("vector") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        SplittableRandom r = new SplittableRandom(7);
        long slots = 1L << BITS;
        mask = (slots << SHIFT) - 1;
        if (layout.equals("interleaved")) {
            weights = new float[(int) (slots << SHIFT)];
            shift = 0;
        } else {
            weights = new float[(int) slots];
            shift = SHIFT;
        }
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) r.nextGaussian() * 0.01f;
        }
        shared = new long[EVENTS][20];
        sharedValues = new float[EVENTS][20];
        actionIndex = new long[EVENTS][actions][10];
        actionValues = new float[EVENTS][actions][10];
        for (int e = 0; e < EVENTS; e++) {
            for (int i = 0; i < 20; i++) {
                shared[e][i] = (r.nextLong() & 0xffffffffL) << SHIFT;
                sharedValues[e][i] = (float) r.nextGaussian();
            }
            for (int a = 0; a < actions; a++) {
                for (int i = 0; i < 10; i++) {
                    actionIndex[e][a][i] = (r.nextLong() & 0xffffffffL) << SHIFT;
                    actionValues[e][a][i] = (float) r.nextGaussian();
                }
            }
        }
    }

    @Benchmark
    public float scoreEvent() {
        int e = event++ & (EVENTS - 1);
        float best = Float.MAX_VALUE;
        long[] s = shared[e];
        float[] sv = sharedValues[e];
        for (int a = 0; a < actions; a++) {
            long[] ai = actionIndex[e][a];
            float[] av = actionValues[e][a];
            float p = kernels.dot(weights, shift, mask, ai, av, 0, 10, 0, 0, 1f, 0f);
            p = kernels.dot(weights, shift, mask, s, sv, 0, 20, 0, 0, 1f, p);
            for (int i = 0; i < 20; i++) {
                p = kernels.dot(weights, shift, mask, ai, av, 0, 10, 0, FNV * s[i], sv[i], p);
            }
            best = Math.min(best, p);
        }
        return best;
    }
}
