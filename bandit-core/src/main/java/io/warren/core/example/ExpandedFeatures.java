package io.warren.core.example;

import java.util.Arrays;

/**
 * Every feature an example contributes to a dot product, linear and interacted, flattened into two
 * parallel arrays in exactly the order VW's foreach_feature visits them (namespaces in order, then
 * each interaction). Indices are relative: callers add the example's offset and mask.
 *
 * <p>Flattening once per example lets predict, the normalized-update pass and the update pass run
 * as tight loops over arrays (the simd-kernels), instead of re-walking interactions three times.
 */
public final class ExpandedFeatures {
    public long[] index = new long[64];
    public float[] value = new float[64];
    public int size;
    /** Features from interactions (VW reports them separately). */
    public int interacted;
    /** Sum of squared values of the interacted features (VW's eval_sum_ft_squared_of_generated_ft). */
    public float interactedSumFeatSq;

    public void clear() {
        size = 0;
        interacted = 0;
        interactedSumFeatSq = 0f;
    }

    public void add(long i, float v) {
        if (size == index.length) {
            index = Arrays.copyOf(index, size * 2);
            value = Arrays.copyOf(value, size * 2);
        }
        index[size] = i;
        value[size] = v;
        size++;
    }

    void ensure(int n) {
        if (n > index.length) {
            int capacity = Math.max(n, index.length * 2);
            index = Arrays.copyOf(index, capacity);
            value = Arrays.copyOf(value, capacity);
        }
    }
}
