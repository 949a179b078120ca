package io.warren.kernels;

import java.util.Arrays;

/**
 * The weights and update state of the slots that a run of examples shares, copied into dense arrays
 * while the run is learned one example after another, and written back after it. cb_adf action lines
 * whose features have the same names hit the same slots with different values; learning each of them
 * (ips and dm learn every line) otherwise reads and writes the same few hundred scattered slots, four
 * floats each, once per line.
 *
 * <p>The passes are the ones of {@link ScalarKernels} for VW's default rule (adaptive, normalized,
 * power_t 0.5), in the same feature order with the same float operations, so every weight, sum and
 * prediction has the same bits. A slot that several features of the example share (a hash collision, or
 * a feature listed twice) gets one dense entry that all of them read and write in turn, as they do in the
 * table, and the rate each one uses in the update is the last one stored for the slot.
 *
 * <p>Use: {@link #gather} with the run's first example collected into a {@link FeatureBuffer}, then per
 * example (its values in the buffer, the slots unchanged) {@link #dot}, {@link #predPerUpdate} and
 * {@link #update}, then {@link #scatter}. Nothing is allocated once the arrays have grown.
 */
public final class SlotRun {
    private static final int EMPTY = -1;

    /** The run's distinct slots, {@code slots[0, count)}, and their dense state. */
    private int[] slots = new int[256];
    private float[] weight = new float[256];
    private float[] adaptive = new float[256];
    private float[] normalizer = new float[256];
    /** Each slot's rate as last stored (VW's spare float): what the update multiplies by. */
    private float[] lastRate = new float[256];
    private int count;
    /** Whether every feature has a slot of its own (dense entry i is feature i): the loops then skip {@link #entry}. */
    private boolean distinct;
    /** For feature i of the buffer, the dense entry of its slot. */
    private int[] entry = new int[256];
    /** Open-addressing table from slot to dense entry, for finding shared slots while gathering. */
    private int[] tableSlot = new int[512];
    private int[] tableEntry = new int[512];
    /** The dense passes over runs whose features all have slots of their own. */
    private final SparseKernels kernels;

    public SlotRun(SparseKernels kernels) {
        this.kernels = kernels;
    }

    /** Whether the run can be learned here: only VW's default rule has dense passes. */
    public static boolean supports(UpdateRule rule) {
        return rule.isAdaptive() && rule.isNormalized() && rule.sqrtRate();
    }

    /** Copies the state of the slots in {@code features} (the run's first example) into the dense arrays. */
    public void gather(float[] weights, float[] state, int shift, FeatureBuffer features, UpdateRule rule) {
        if (!supports(rule)) {
            throw new IllegalArgumentException("dense runs need the adaptive, normalized, power_t 0.5 rule");
        }
        int n = features.size;
        ensureCapacity(n);
        Arrays.fill(tableSlot, 0, tableSize(n), EMPTY);
        int mask = tableSize(n) - 1;
        int a = rule.adaptive();
        int nz = rule.normalized();
        int spare = rule.spare();
        count = 0;
        for (int i = 0; i < n; i++) {
            int s = features.slot[i];
            int t = mix(s) & mask;
            while (tableSlot[t] != EMPTY && tableSlot[t] != s) {
                t = (t + 1) & mask;
            }
            if (tableSlot[t] == EMPTY) {
                tableSlot[t] = s;
                tableEntry[t] = count;
                slots[count] = s;
                weight[count] = weights[s >>> shift];
                adaptive[count] = state[s + a];
                normalizer[count] = state[s + nz];
                lastRate[count] = state[s + spare];
                count++;
            }
            entry[i] = tableEntry[t];
        }
        distinct = count == n;
    }

    /** Writes the dense state back to the table. */
    public void scatter(float[] weights, float[] state, int shift, UpdateRule rule) {
        int a = rule.adaptive();
        int nz = rule.normalized();
        int spare = rule.spare();
        for (int d = 0; d < count; d++) {
            int s = slots[d];
            weights[s >>> shift] = weight[d];
            state[s + a] = adaptive[d];
            state[s + nz] = normalizer[d];
            state[s + spare] = lastRate[d];
        }
    }

    /** {@link ScalarKernels#dot(float[], int, FeatureBuffer, float)} over the dense weights. */
    public float dot(FeatureBuffer features, float acc) {
        float[] x = features.x;
        float sum = acc;
        int n = features.size;
        if (distinct) {
            for (int i = 0; i < n; i++) {
                sum += weight[i] * x[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                sum += weight[entry[i]] * x[i];
            }
        }
        return sum;
    }

    /**
     * {@link ScalarKernels#predPerUpdate} for VW's default rule over the dense state: the state step in
     * feature order, the rates (vectorised by the JIT), then the sums and rate stores in feature order.
     * Adds the sum of x^2 * rate to {@code acc[0]} and the normalized part of |x|^2 to {@code acc[1]}.
     */
    public void predPerUpdate(FeatureBuffer features, float gradSquared, float[] acc) {
        int n = features.size;
        float[] xs = features.x;
        float[] x2s = features.x2;
        float[] seenSum = features.adaptiveSum;
        float[] seenNorm = features.normalizer;
        if (distinct) {
            kernels.denseStateStep(xs, gradSquared, adaptive, normalizer, weight, x2s, seenSum, seenNorm, n);
        } else {
            for (int i = 0; i < n; i++) {
                ScalarKernels.stateStep(i, entry[i], xs[i], gradSquared, adaptive, normalizer, weight, x2s, seenSum,
                        seenNorm);
            }
        }
        float[] rate = features.rate;
        float[] normX2 = features.normX2;
        ScalarKernels.adaptiveNormalizedRates(x2s, seenSum, seenNorm, rate, normX2, n);
        float predPerUpdate = acc[0];
        float normX = acc[1];
        // The same sums as ScalarKernels.predPerUpdate's; kept here, as one shared helper measured about 10%
        // slower per line in SlotRunBench (vector: 557-579 against 627-638 ns).
        for (int i = 0; i < n; i++) {
            predPerUpdate += x2s[i] * rate[i];
            normX += x2s[i] > Float.MAX_VALUE ? 1f : normX2[i];
        }
        if (distinct) {
            System.arraycopy(rate, 0, lastRate, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                lastRate[entry[i]] = rate[i];
            }
        }
        acc[0] = predPerUpdate;
        acc[1] = normX;
    }

    /** {@link ScalarKernels#update}: {@code w += update * x * rate} over the dense weights. */
    public void update(FeatureBuffer features, float update) {
        float[] xs = features.x;
        int n = features.size;
        if (distinct) {
            kernels.denseUpdate(weight, xs, lastRate, update, n);
        } else {
            for (int i = 0; i < n; i++) {
                float x = xs[i];
                if (x < Float.MAX_VALUE && x > -Float.MAX_VALUE) {
                    int d = entry[i];
                    weight[d] += update * (x * lastRate[d]);
                }
            }
        }
    }

    private void ensureCapacity(int n) {
        if (entry.length < n) {
            int capacity = Math.max(n, entry.length * 2);
            entry = new int[capacity];
            slots = new int[capacity];
            weight = new float[capacity];
            adaptive = new float[capacity];
            normalizer = new float[capacity];
            lastRate = new float[capacity];
        }
        if (tableSlot.length < tableSize(n)) {
            tableSlot = new int[tableSize(n)];
            tableEntry = new int[tableSize(n)];
        }
    }

    /** A power of two at least twice {@code n}, so probes stay short. */
    private static int tableSize(int n) {
        return Math.max(16, Integer.highestOneBit(Math.max(1, n) * 2 - 1) << 1);
    }

    /** Spreads a slot's bits (slots are multiples of the stride, their low bits are zero). */
    private static int mix(int slot) {
        int h = slot * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
