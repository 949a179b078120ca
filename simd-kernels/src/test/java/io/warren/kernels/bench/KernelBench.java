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
 * action namespace (10) and the 20x10 shared-action quadratic, against a -b 18 weight table. The actions'
 * features share names (indices) and differ in values, as in the benchmark data. {@code perAction} walks
 * each action on its own (what the learner does when actions have different features); {@code lanes}
 * scores all actions at once with {@code impl}'s lane kernels. {@code layout}: "interleaved" reads weights
 * from VW's stride-4 table (4 MB), "compact" from a separate one-float-per-slot table (1 MB).
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
    private long[][] actionIndex;
    private float[][][] actionValues;
    /** Per event, lane-major values: the 20 shared rows, then the 10 action rows, {@code stride} floats each. */
    private float[][] laneValues;
    private float[] acc;
    private int stride;
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
        actionIndex = new long[EVENTS][10];
        actionValues = new float[EVENTS][actions][10];
        int alignment = kernels.laneAlignment();
        stride = (actions + alignment - 1) / alignment * alignment;
        laneValues = new float[EVENTS][30 * stride];
        acc = new float[stride];
        for (int e = 0; e < EVENTS; e++) {
            for (int i = 0; i < 20; i++) {
                shared[e][i] = (r.nextLong() & 0xffffffffL) << SHIFT;
                sharedValues[e][i] = (float) r.nextGaussian();
                for (int a = 0; a < actions; a++) {
                    laneValues[e][i * stride + a] = sharedValues[e][i];
                }
            }
            for (int i = 0; i < 10; i++) {
                actionIndex[e][i] = (r.nextLong() & 0xffffffffL) << SHIFT;
            }
            for (int a = 0; a < actions; a++) {
                for (int i = 0; i < 10; i++) {
                    actionValues[e][a][i] = (float) r.nextGaussian();
                    laneValues[e][(20 + i) * stride + a] = actionValues[e][a][i];
                }
            }
        }
    }

    @Benchmark
    public float perAction() {
        int e = event++ & (EVENTS - 1);
        float best = Float.MAX_VALUE;
        long[] s = shared[e];
        float[] sv = sharedValues[e];
        long[] ai = actionIndex[e];
        for (int a = 0; a < actions; a++) {
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

    @Benchmark
    public float lanes() {
        int e = event++ & (EVENTS - 1);
        float[] values = laneValues[e];
        java.util.Arrays.fill(acc, 0f);
        kernels.dotLanes(weights, shift, mask, actionIndex[e], 10, values, 20 * stride, stride, actions, 0, acc);
        kernels.dotLanes(weights, shift, mask, shared[e], 20, values, 0, stride, actions, 0, acc);
        kernels.quadraticDotLanes(weights, shift, mask, shared[e], 20, 0, actionIndex[e], 10, 20 * stride, values,
                stride, actions, false, 0, FNV, acc);
        float best = Float.MAX_VALUE;
        for (int a = 0; a < actions; a++) {
            best = Math.min(best, acc[a]);
        }
        return best;
    }
}
