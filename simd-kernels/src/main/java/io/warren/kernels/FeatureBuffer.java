package io.warren.kernels;

import java.util.Arrays;

/**
 * One example's features, interactions expanded, as dense parallel arrays: weight slot (a multiple of
 * the stride, so the weight is {@code weights[slot >> shift]} and the update state {@code state[slot + k]})
 * and value. A learn step walks the example's namespaces and interactions once into this buffer and runs
 * its three passes (dot, pred-per-update, update) over it, instead of hashing every feature three times.
 *
 * <p>The other arrays are scratch for {@link SparseKernels#predPerUpdate}, kept here so the kernels stay
 * stateless and nothing is allocated per example once the buffer has grown to the largest example.
 */
public final class FeatureBuffer {
    int[] slot = new int[256];
    float[] x = new float[256];
    float[] x2 = new float[256];
    float[] adaptiveSum = new float[256];
    float[] normalizer = new float[256];
    float[] rate = new float[256];
    float[] normX2 = new float[256];
    int size;

    public void clear() {
        size = 0;
    }

    public int size() {
        return size;
    }

    /**
     * Appends a run of sparse features: feature j has slot {@code ((index[j] ^ xorHash) + offset) & mask}
     * and value {@code scale * value[j]} (see {@link SparseKernels} for how namespaces and interactions
     * map to runs).
     */
    public void addRun(long[] index, float[] value, int from, int to, long offset, long xorHash, float scale,
                       long mask) {
        int n = to - from;
        if (size + n > slot.length) {
            grow(size + n);
        }
        int at = size;
        for (int j = from; j < to; j++, at++) {
            slot[at] = (int) (((index[j] ^ xorHash) + offset) & mask);
            x[at] = scale * value[j];
        }
        size = at;
    }

    /**
     * Appends a run's values only, for an example with the same slots as the one buffered before: after
     * {@link #clear}, the same runs in the same order as that example's {@link #addRun} calls give each
     * feature its new value and leave its slot.
     */
    public void addValues(float[] value, int from, int to, float scale) {
        int at = size;
        if (at + (to - from) > slot.length) {
            throw new IllegalStateException("the example has more features than the one buffered before");
        }
        for (int j = from; j < to; j++, at++) {
            x[at] = scale * value[j];
        }
        size = at;
    }

    private void grow(int needed) {
        int capacity = Math.max(needed, slot.length * 2);
        slot = Arrays.copyOf(slot, capacity);
        x = Arrays.copyOf(x, capacity);
        x2 = new float[capacity];
        adaptiveSum = new float[capacity];
        normalizer = new float[capacity];
        rate = new float[capacity];
        normX2 = new float[capacity];
    }
}
