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
    public void predPerUpdate(float[] weights, float[] state, int shift, long mask, long[] index, float[] value,
                              int from, int to, long offset, long xorHash, float scale, float gradSquared,
                              UpdateRule rule, boolean stateless, float[] shadow, float[] acc) {
        final int a = rule.adaptive();
        final int nz = rule.normalized();
        final int spare = rule.spare();
        final boolean sqrtRate = rule.sqrtRate();
        float predPerUpdate = acc[0];
        float normX = acc[1];
        for (int i = from; i < to; i++) {
            float x = scale * value[i];
            int slot = (int) (((index[i] ^ xorHash) + offset) & mask);
            // s[k] for k >= 1 is the update state; the weight lives in weights[slot >>> shift] and is only
            // touched when a larger |x| rescales it (rare), so it is not loaded otherwise.
            float[] s;
            int base;
            if (stateless) {
                shadow[a] = state[slot + a];
                shadow[nz] = state[slot + nz];
                s = shadow;
                base = 0;
            } else {
                s = state;
                base = slot;
            }
            float x2 = x * x;
            if (x2 < UpdateRule.X2_MIN) {
                x = x > 0 ? UpdateRule.X_MIN : -UpdateRule.X_MIN;
                x2 = UpdateRule.X2_MIN;
            }
            if (a != 0) {
                s[base + a] += gradSquared * x2;
            }
            if (nz != 0) {
                float xAbs = Math.abs(x);
                float norm = s[base + nz];
                if (xAbs > norm) {
                    if (norm > 0f && !stateless) {
                        float factor;
                        if (sqrtRate) {
                            float rescale = norm / xAbs;
                            factor = a != 0 ? rescale : rescale * rescale;
                        } else {
                            float rescale = xAbs / norm;
                            factor = (float) Math.pow(rescale * rescale, rule.negNormPower());
                        }
                        weights[slot >>> shift] *= factor;
                    }
                    s[base + nz] = xAbs;
                }
                float normX2 = x2 / (s[base + nz] * s[base + nz]);
                if (x2 > Float.MAX_VALUE) {
                    normX2 = 1f;
                }
                normX += normX2;
            }
            float rate = rateDecay(s, base, a, nz, sqrtRate, rule);
            s[base + spare] = rate;
            predPerUpdate += x2 * rate;
        }
        acc[0] = predPerUpdate;
        acc[1] = normX;
    }

    private static float rateDecay(float[] s, int base, int a, int nz, boolean sqrtRate, UpdateRule rule) {
        float rate = 1f;
        if (a != 0) {
            rate = sqrtRate ? 1f / (float) Math.sqrt(s[base + a]) : (float) Math.pow(s[base + a], rule.negPowerT());
        }
        if (nz != 0) {
            if (sqrtRate) {
                float invNorm = 1f / s[base + nz];
                rate *= (a != 0) ? invNorm : invNorm * invNorm;
            } else {
                rate *= (float) Math.pow(s[base + nz] * s[base + nz], rule.negNormPower());
            }
        }
        return rate;
    }

    @Override
    public void update(float[] weights, float[] state, int shift, long mask, long[] index, float[] value, int from,
                       int to, long offset, long xorHash, float scale, float update, UpdateRule rule) {
        final int spare = rule.spare();
        for (int i = from; i < to; i++) {
            float x = scale * value[i];
            if (x < Float.MAX_VALUE && x > -Float.MAX_VALUE) {
                int slot = (int) (((index[i] ^ xorHash) + offset) & mask);
                if (spare != 0) {
                    x *= state[slot + spare];
                }
                weights[slot >>> shift] += update * x;
            }
        }
    }
}
