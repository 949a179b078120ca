package io.warren.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels for scoring several examples that share their feature indices (cb_adf actions whose
 * features have the same names and different values): a lane per example, so one weight load and one
 * vector multiply-add serve all of them. Each lane keeps its example's sum order and uses a separate
 * multiply and add (never a fused one), so results equal the scalar kernels' bit for bit. Runs over a
 * single example are the scalar ones: a gather across one example's features measured slower than the
 * scalar loop on AVX2 and would reorder VW's sequential sum.
 */
public final class VectorKernels implements SparseKernels {
    public static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {}

    @Override
    public float dot(float[] weights, int shift, long mask, long[] index, float[] value, int from, int to, long offset,
                     long xorHash, float scale, float acc) {
        return ScalarKernels.INSTANCE.dot(weights, shift, mask, index, value, from, to, offset, xorHash, scale, acc);
    }

    @Override
    public float quadraticDot(float[] weights, int shift, long mask, long[] outerIndex, float[] outerValue,
                              int outerCount, long[] innerIndex, float[] innerValue, int innerCount,
                              boolean triangular, long offset, long fnv, float acc) {
        return ScalarKernels.INSTANCE.quadraticDot(weights, shift, mask, outerIndex, outerValue, outerCount,
                innerIndex, innerValue, innerCount, triangular, offset, fnv, acc);
    }

    @Override
    public int laneAlignment() {
        return SPECIES.length();
    }

    @Override
    public void dotLanes(float[] weights, int shift, long mask, long[] index, int count, float[] values, int from,
                         int stride, int lanes, long offset, float[] acc) {
        int width = SPECIES.length();
        for (int c = 0; c < lanes; c += width) {
            FloatVector sum = FloatVector.fromArray(SPECIES, acc, c);
            for (int j = 0; j < count; j++) {
                float w = weights[(int) (((index[j] + offset) & mask) >>> shift)];
                sum = sum.add(FloatVector.fromArray(SPECIES, values, from + j * stride + c).mul(w));
            }
            sum.intoArray(acc, c);
        }
    }

    @Override
    public void quadraticDotLanes(float[] weights, int shift, long mask, long[] outerIndex, int outerCount,
                                  int outerFrom, long[] innerIndex, int innerCount, int innerFrom, float[] values,
                                  int stride, int lanes, boolean triangular, long offset, long fnv, float[] acc) {
        int width = SPECIES.length();
        for (int c = 0; c < lanes; c += width) {
            FloatVector sum = FloatVector.fromArray(SPECIES, acc, c);
            for (int i = 0; i < outerCount; i++) {
                long xorHash = fnv * outerIndex[i];
                FloatVector outer = FloatVector.fromArray(SPECIES, values, outerFrom + i * stride + c);
                for (int j = triangular ? i : 0; j < innerCount; j++) {
                    float w = weights[(int) ((((innerIndex[j] ^ xorHash) + offset) & mask) >>> shift)];
                    FloatVector inner = FloatVector.fromArray(SPECIES, values, innerFrom + j * stride + c);
                    sum = sum.add(outer.mul(inner).mul(w));
                }
            }
            sum.intoArray(acc, c);
        }
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

    /**
     * The state step a vector of features at a time: each lane does the scalar step's operations (the
     * floor, separate multiply and add, the conditional rescale as a masked multiply), so the bits are
     * the same; the tail is scalar.
     */
    @Override
    public void denseStateStep(float[] x, float gradSquared, float[] adaptive, float[] normalizer, float[] weight,
                               float[] x2, float[] seenSum, float[] seenNorm, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
            FloatVector sq = xv.mul(xv);
            VectorMask<Float> tiny = sq.lt(UpdateRule.X2_MIN);
            sq = sq.blend(UpdateRule.X2_MIN, tiny);
            FloatVector xAbs = xv.abs().blend(UpdateRule.X_MIN, tiny);
            sq.intoArray(x2, i);
            FloatVector sum = FloatVector.fromArray(SPECIES, adaptive, i).add(sq.mul(gradSquared));
            sum.intoArray(adaptive, i);
            sum.intoArray(seenSum, i);
            FloatVector norm = FloatVector.fromArray(SPECIES, normalizer, i);
            VectorMask<Float> grows = xAbs.compare(VectorOperators.GT, norm);
            if (grows.anyTrue()) {
                VectorMask<Float> shrink = grows.and(norm.compare(VectorOperators.GT, 0f));
                FloatVector.fromArray(SPECIES, weight, i).mul(norm.div(xAbs), shrink).intoArray(weight, i);
                norm = norm.blend(xAbs, grows);
                norm.intoArray(normalizer, i);
            }
            norm.intoArray(seenNorm, i);
        }
        for (; i < n; i++) {
            ScalarKernels.stateStep(i, i, x[i], gradSquared, adaptive, normalizer, weight, x2, seenSum, seenNorm);
        }
    }

    @Override
    public void denseUpdate(float[] weight, float[] x, float[] rate, float update, int n) {
        int i = 0;
        for (int bound = SPECIES.loopBound(n); i < bound; i += SPECIES.length()) {
            FloatVector xv = FloatVector.fromArray(SPECIES, x, i);
            VectorMask<Float> finite = xv.abs().lt(Float.MAX_VALUE);
            FloatVector step = xv.mul(FloatVector.fromArray(SPECIES, rate, i)).mul(update);
            FloatVector.fromArray(SPECIES, weight, i).add(step, finite).intoArray(weight, i);
        }
        ScalarKernels.denseUpdate(weight, x, rate, update, i, n);
    }
}
