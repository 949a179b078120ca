package io.warren.kernels;

/**
 * Plain loops, in VW's order and float arithmetic. The default until a benchmark shows a vector
 * version faster (on AVX2 a gather-based Vector API loop measured slower than this).
 */
public final class ScalarKernels implements SparseKernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public float dot(float[] weights, int shift, long mask, long[] index, float[] value, int from, int to, long offset,
                     long xorHash, float scale, float acc) {
        float sum = acc;
        for (int i = from; i < to; i++) {
            sum += weights[(int) ((((index[i] ^ xorHash) + offset) & mask) >>> shift)] * (scale * value[i]);
        }
        return sum;
    }

    @Override
    public float quadraticDot(float[] weights, int shift, long mask, long[] outerIndex, float[] outerValue,
                              int outerCount, long[] innerIndex, float[] innerValue, int innerCount,
                              boolean triangular, long offset, long fnv, float acc) {
        float sum = acc;
        for (int i = 0; i < outerCount; i++) {
            long xorHash = fnv * outerIndex[i];
            float scale = outerValue[i];
            for (int j = triangular ? i : 0; j < innerCount; j++) {
                sum += weights[(int) ((((innerIndex[j] ^ xorHash) + offset) & mask) >>> shift)] * (scale * innerValue[j]);
            }
        }
        return sum;
    }

    @Override
    public void dotPair(float[] weights, int shift, long mask, long[] indexA, float[] valueA, long[] indexB,
                        float[] valueB, int count, long offset, float[] acc) {
        float sumA = acc[0];
        float sumB = acc[1];
        for (int i = 0; i < count; i++) {
            sumA += weights[(int) (((indexA[i] + offset) & mask) >>> shift)] * valueA[i];
            sumB += weights[(int) (((indexB[i] + offset) & mask) >>> shift)] * valueB[i];
        }
        acc[0] = sumA;
        acc[1] = sumB;
    }

    @Override
    public void quadraticDotPair(float[] weights, int shift, long mask, long[] outerIndexA, float[] outerValueA,
                                 long[] outerIndexB, float[] outerValueB, int outerCount, long[] innerIndexA,
                                 float[] innerValueA, long[] innerIndexB, float[] innerValueB, int innerCount,
                                 boolean triangular, long offset, long fnv, float[] acc) {
        float sumA = acc[0];
        float sumB = acc[1];
        for (int i = 0; i < outerCount; i++) {
            long xorA = fnv * outerIndexA[i];
            long xorB = fnv * outerIndexB[i];
            float scaleA = outerValueA[i];
            float scaleB = outerValueB[i];
            for (int j = triangular ? i : 0; j < innerCount; j++) {
                sumA += weights[(int) ((((innerIndexA[j] ^ xorA) + offset) & mask) >>> shift)] * (scaleA * innerValueA[j]);
                sumB += weights[(int) ((((innerIndexB[j] ^ xorB) + offset) & mask) >>> shift)] * (scaleB * innerValueB[j]);
            }
        }
        acc[0] = sumA;
        acc[1] = sumB;
    }

    @Override
    public void dotLanes(float[] weights, int shift, long mask, long[] index, int count, float[] values, int from,
                         int stride, int lanes, long offset, float[] acc) {
        for (int j = 0; j < count; j++) {
            float w = weights[(int) (((index[j] + offset) & mask) >>> shift)];
            int row = from + j * stride;
            for (int k = 0; k < lanes; k++) {
                acc[k] += w * values[row + k];
            }
        }
    }

    @Override
    public void quadraticDotLanes(float[] weights, int shift, long mask, long[] outerIndex, int outerCount,
                                  int outerFrom, long[] innerIndex, int innerCount, int innerFrom, float[] values,
                                  int stride, int lanes, boolean triangular, long offset, long fnv, float[] acc) {
        for (int i = 0; i < outerCount; i++) {
            long xorHash = fnv * outerIndex[i];
            int outerRow = outerFrom + i * stride;
            for (int j = triangular ? i : 0; j < innerCount; j++) {
                float w = weights[(int) ((((innerIndex[j] ^ xorHash) + offset) & mask) >>> shift)];
                int innerRow = innerFrom + j * stride;
                for (int k = 0; k < lanes; k++) {
                    acc[k] += w * (values[outerRow + k] * values[innerRow + k]);
                }
            }
        }
    }

    @Override
    public float dot(float[] weights, int shift, FeatureBuffer features, float acc) {
        int[] slot = features.slot;
        float[] x = features.x;
        float sum = acc;
        for (int i = 0, n = features.size; i < n; i++) {
            sum += weights[slot[i] >>> shift] * x[i];
        }
        return sum;
    }

    /**
     * Three loops where VW has one, with the same results: the state updates in feature order (a slot
     * seen twice sees its own earlier update), then every rate from the values each feature saw (no
     * dependency between features, so the JIT vectorises the square roots and divisions), then the sums
     * and spare-slot writes in feature order, so float sums and last-writer-wins match VW's single loop.
     */
    @Override
    public void predPerUpdate(float[] weights, float[] state, int shift, FeatureBuffer features, float gradSquared,
                              UpdateRule rule, boolean stateless, float[] acc) {
        updateState(weights, state, shift, features, gradSquared, rule, stateless);
        int n = features.size;
        if (rule.isAdaptive() && rule.isNormalized() && rule.sqrtRate()) {
            adaptiveNormalizedRates(features.x2, features.adaptiveSum, features.normalizer, features.rate,
                    features.normX2, n);
        } else {
            for (int i = 0; i < n; i++) {
                features.rate[i] = rateDecay(features.adaptiveSum[i], features.normalizer[i], rule);
                features.normX2[i] = rule.isNormalized() ? features.x2[i] / square(features.normalizer[i]) : 0f;
            }
        }
        int[] slot = features.slot;
        float[] x2 = features.x2;
        float[] rate = features.rate;
        float[] normX2 = features.normX2;
        int spare = rule.spare();
        boolean normalized = rule.isNormalized();
        float predPerUpdate = acc[0];
        float normX = acc[1];
        for (int i = 0; i < n; i++) {
            if (!stateless) {
                state[slot[i] + spare] = rate[i];
            }
            predPerUpdate += x2[i] * rate[i];
            // An infinite x^2 counts 1 toward the norm, as in VW (a select here would stop the rate loop vectorising).
            normX += normalized && x2[i] > Float.MAX_VALUE ? 1f : normX2[i];
        }
        acc[0] = predPerUpdate;
        acc[1] = normX;
    }

    /**
     * VW's per-feature state step: x^2 (floored), the adaptive sum {@code += g^2 x^2} and the normalizer
     * {@code max |x|} (rescaling the weight when it grows). Records what each feature saw for the rates;
     * {@code stateless} computes the same values without storing them (each feature from the stored state).
     */
    private static void updateState(float[] weights, float[] state, int shift, FeatureBuffer features,
                                    float gradSquared, UpdateRule rule, boolean stateless) {
        final int a = rule.adaptive();
        final int nz = rule.normalized();
        int[] slot = features.slot;
        float[] xs = features.x;
        float[] x2s = features.x2;
        float[] adaptiveSum = features.adaptiveSum;
        float[] normalizer = features.normalizer;
        for (int i = 0, n = features.size; i < n; i++) {
            float x = xs[i];
            int s = slot[i];
            float x2 = x * x;
            if (x2 < UpdateRule.X2_MIN) {
                x = x > 0 ? UpdateRule.X_MIN : -UpdateRule.X_MIN;
                x2 = UpdateRule.X2_MIN;
            }
            x2s[i] = x2;
            if (a != 0) {
                float sum = state[s + a] + gradSquared * x2;
                if (!stateless) {
                    state[s + a] = sum;
                }
                adaptiveSum[i] = sum;
            }
            if (nz != 0) {
                float xAbs = Math.abs(x);
                float norm = state[s + nz];
                if (xAbs > norm) {
                    if (!stateless) {
                        if (norm > 0f) {
                            weights[s >>> shift] *= rescaleFactor(norm, xAbs, rule);
                        }
                        state[s + nz] = xAbs;
                    }
                    norm = xAbs;
                }
                normalizer[i] = norm;
            }
        }
    }

    /** How much a weight shrinks when its feature's largest |x| grows from {@code norm} to {@code xAbs}. */
    private static float rescaleFactor(float norm, float xAbs, UpdateRule rule) {
        if (rule.sqrtRate()) {
            float rescale = norm / xAbs;
            return rule.isAdaptive() ? rescale : rescale * rescale;
        }
        float rescale = xAbs / norm;
        return (float) Math.pow(rescale * rescale, rule.negNormPower());
    }

    /**
     * VW's default (power_t 0.5, adaptive and normalized): rate = 1/sqrt(G) * 1/N, and x^2/N^2. Written
     * without branches so that C2 turns it into vector square roots and divisions (exact, like scalar ones).
     */
    static void adaptiveNormalizedRates(float[] x2, float[] adaptiveSum, float[] normalizer, float[] rate,
                                                float[] normX2, int n) {
        for (int i = 0; i < n; i++) {
            float norm = normalizer[i];
            rate[i] = (1f / (float) Math.sqrt(adaptiveSum[i])) * (1f / norm);
            normX2[i] = x2[i] / (norm * norm);
        }
    }

    private static float square(float v) {
        return v * v;
    }

    private static float rateDecay(float adaptiveSum, float norm, UpdateRule rule) {
        boolean sqrtRate = rule.sqrtRate();
        float rate = 1f;
        if (rule.isAdaptive()) {
            rate = sqrtRate ? 1f / (float) Math.sqrt(adaptiveSum) : (float) Math.pow(adaptiveSum, rule.negPowerT());
        }
        if (rule.isNormalized()) {
            if (sqrtRate) {
                float invNorm = 1f / norm;
                rate *= rule.isAdaptive() ? invNorm : invNorm * invNorm;
            } else {
                rate *= (float) Math.pow(norm * norm, rule.negNormPower());
            }
        }
        return rate;
    }

    @Override
    public void update(float[] weights, float[] state, int shift, FeatureBuffer features, float update,
                       UpdateRule rule) {
        final int spare = rule.spare();
        int[] slot = features.slot;
        float[] xs = features.x;
        for (int i = 0, n = features.size; i < n; i++) {
            float x = xs[i];
            if (x < Float.MAX_VALUE && x > -Float.MAX_VALUE) {
                int s = slot[i];
                if (spare != 0) {
                    x *= state[s + spare];
                }
                weights[s >>> shift] += update * x;
            }
        }
    }

    @Override
    public void denseStateStep(float[] x, float gradSquared, float[] adaptive, float[] normalizer, float[] weight,
                               float[] x2, float[] seenSum, float[] seenNorm, int n) {
        for (int i = 0; i < n; i++) {
            stateStep(i, i, x[i], gradSquared, adaptive, normalizer, weight, x2, seenSum, seenNorm);
        }
    }

    /**
     * The state step of feature i on dense slot d (see {@link #denseStateStep}); features sharing a slot
     * see each other's steps when run in feature order.
     */
    static void stateStep(int i, int d, float x, float gradSquared, float[] adaptive, float[] normalizer,
                          float[] weight, float[] x2s, float[] seenSum, float[] seenNorm) {
        float x2 = x * x;
        if (x2 < UpdateRule.X2_MIN) {
            x = x > 0 ? UpdateRule.X_MIN : -UpdateRule.X_MIN;
            x2 = UpdateRule.X2_MIN;
        }
        x2s[i] = x2;
        float sum = adaptive[d] + gradSquared * x2;
        adaptive[d] = sum;
        seenSum[i] = sum;
        float xAbs = Math.abs(x);
        float norm = normalizer[d];
        if (xAbs > norm) {
            if (norm > 0f) {
                weight[d] *= norm / xAbs;
            }
            normalizer[d] = xAbs;
            norm = xAbs;
        }
        seenNorm[i] = norm;
    }

    @Override
    public void denseUpdate(float[] weight, float[] x, float[] rate, float update, int n) {
        denseUpdate(weight, x, rate, update, 0, n);
    }

    /** {@link #denseUpdate} over slots {@code [from, to)}. */
    static void denseUpdate(float[] weight, float[] x, float[] rate, float update, int from, int to) {
        for (int i = from; i < to; i++) {
            float xi = x[i];
            if (xi < Float.MAX_VALUE && xi > -Float.MAX_VALUE) {
                weight[i] += update * (xi * rate[i]);
            }
        }
    }
}
