package io.warren.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API version of the dot product: slot numbers are computed into a small int buffer, then
 * weights are gathered a vector at a time and multiplied with the values. Lanes accumulate separately,
 * so the float sum differs from VW's sequential one in the last bits. The learn passes over a
 * {@link FeatureBuffer} are the scalar ones: their sums must keep VW's order. Selected only where
 * {@code KernelBench} shows it wins.
 */
public final class VectorKernels implements SparseKernels {
    public static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ThreadLocal<int[]> SLOTS = ThreadLocal.withInitial(() -> new int[256]);

    private VectorKernels() {}

    @Override
    public float dot(float[] weights, int shift, long mask, long[] index, float[] value, int from, int to, long offset,
                     long xorHash, float scale, float acc) {
        int n = to - from;
        if (n < SPECIES.length()) {
            return ScalarKernels.INSTANCE.dot(weights, shift, mask, index, value, from, to, offset, xorHash, scale, acc);
        }
        int[] slots = SLOTS.get();
        if (slots.length < n) {
            slots = new int[Math.max(n, slots.length * 2)];
            SLOTS.set(slots);
        }
        for (int i = 0; i < n; i++) {
            slots[i] = (int) ((((index[from + i] ^ xorHash) + offset) & mask) >>> shift);
        }
        FloatVector sum = FloatVector.zero(SPECIES);
        int lanes = SPECIES.length();
        int i = 0;
        for (; i + lanes <= n; i += lanes) {
            FloatVector w = FloatVector.fromArray(SPECIES, weights, 0, slots, i);
            FloatVector x = FloatVector.fromArray(SPECIES, value, from + i).mul(scale);
            sum = w.fma(x, sum);
        }
        float total = acc + sum.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            total += weights[slots[i]] * (scale * value[from + i]);
        }
        return total;
    }

    @Override
    public void dotPair(float[] weights, int shift, long mask, long[] indexA, float[] valueA, long[] indexB,
                        float[] valueB, int count, long offset, float[] acc) {
        ScalarKernels.INSTANCE.dotPair(weights, shift, mask, indexA, valueA, indexB, valueB, count, offset, acc);
    }

    @Override
    public void quadraticDotPair(float[] weights, int shift, long mask, long[] outerIndexA, float[] outerValueA,
                                 long[] outerIndexB, float[] outerValueB, int outerCount, long[] innerIndexA,
                                 float[] innerValueA, long[] innerIndexB, float[] innerValueB, int innerCount,
                                 boolean triangular, long offset, long fnv, float[] acc) {
        ScalarKernels.INSTANCE.quadraticDotPair(weights, shift, mask, outerIndexA, outerValueA, outerIndexB,
                outerValueB, outerCount, innerIndexA, innerValueA, innerIndexB, innerValueB, innerCount, triangular,
                offset, fnv, acc);
    }

    @Override
    public float dot(float[] weights, int shift, FeatureBuffer features, float acc) {
        return ScalarKernels.INSTANCE.dot(weights, shift, features, acc);
    }

    @Override
    public void predPerUpdate(float[] weights, float[] state, int shift, FeatureBuffer features, float gradSquared,
                              UpdateRule rule, boolean stateless, float[] acc) {
        ScalarKernels.INSTANCE.predPerUpdate(weights, state, shift, features, gradSquared, rule, stateless, acc);
    }

    @Override
    public void update(float[] weights, float[] state, int shift, FeatureBuffer features, float update,
                       UpdateRule rule) {
        ScalarKernels.INSTANCE.update(weights, state, shift, features, update, rule);
    }
}
