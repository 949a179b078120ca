package io.warren.kernels;

/**
 * Plain loops, in VW's order and float arithmetic. On AVX2 a gather-based Vector API loop measured
 * slower than this (see ops/bench/results), so this is the default.
 */
public final class ScalarKernels implements SparseKernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}

    @Override
    public float dot(float[] weights, long mask, long[] index, float[] value, int from, int to, long offset,
                     long xorHash, float scale, float acc) {
        float sum = acc;
        for (int i = from; i < to; i++) {
            sum += weights[(int) (((index[i] ^ xorHash) + offset) & mask)] * (scale * value[i]);
        }
        return sum;
    }

    @Override
    public void predPerUpdate(float[] weights, long mask, long[] index, float[] value, int from, int to, long offset,
                              long xorHash, float scale, float gradSquared, UpdateRule rule, boolean stateless,
                              float[] shadow, float[] acc) {
        final int a = rule.adaptive();
        final int nz = rule.normalized();
        final int spare = rule.spare();
        final boolean sqrtRate = rule.sqrtRate();
        float predPerUpdate = acc[0];
        float normX = acc[1];
        for (int i = from; i < to; i++) {
            float x = scale * value[i];
            int slot = (int) (((index[i] ^ xorHash) + offset) & mask);
            float[] w;
            int s;
            if (stateless) {
                shadow[0] = weights[slot];
                shadow[a] = weights[slot + a];
                shadow[nz] = weights[slot + nz];
                w = shadow;
                s = 0;
            } else {
                w = weights;
                s = slot;
            }
            float x2 = x * x;
            if (x2 < UpdateRule.X2_MIN) {
                x = x > 0 ? UpdateRule.X_MIN : -UpdateRule.X_MIN;
                x2 = UpdateRule.X2_MIN;
            }
            if (a != 0) {
                w[s + a] += gradSquared * x2;
            }
            if (nz != 0) {
                float xAbs = Math.abs(x);
                if (xAbs > w[s + nz]) {
                    if (w[s + nz] > 0f) {
                        if (sqrtRate) {
                            float rescale = w[s + nz] / xAbs;
                            w[s] *= (a != 0 ? rescale : rescale * rescale);
                        } else {
                            float rescale = xAbs / w[s + nz];
                            w[s] *= (float) Math.pow(rescale * rescale, rule.negNormPower());
                        }
                    }
                    w[s + nz] = xAbs;
                }
                float normX2 = x2 / (w[s + nz] * w[s + nz]);
                if (x2 > Float.MAX_VALUE) {
                    normX2 = 1f;
                }
                normX += normX2;
            }
            float rate = rateDecay(w, s, a, nz, sqrtRate, rule);
            w[s + spare] = rate;
            predPerUpdate += x2 * rate;
        }
        acc[0] = predPerUpdate;
        acc[1] = normX;
    }

    private static float rateDecay(float[] w, int s, int a, int nz, boolean sqrtRate, UpdateRule rule) {
        float rate = 1f;
        if (a != 0) {
            rate = sqrtRate ? 1f / (float) Math.sqrt(w[s + a]) : (float) Math.pow(w[s + a], rule.negPowerT());
        }
        if (nz != 0) {
            if (sqrtRate) {
                float invNorm = 1f / w[s + nz];
                rate *= (a != 0) ? invNorm : invNorm * invNorm;
            } else {
                rate *= (float) Math.pow(w[s + nz] * w[s + nz], rule.negNormPower());
            }
        }
        return rate;
    }

    @Override
    public void update(float[] weights, long mask, long[] index, float[] value, int from, int to, long offset,
                       long xorHash, float scale, float update, UpdateRule rule) {
        final int spare = rule.spare();
        for (int i = from; i < to; i++) {
            float x = scale * value[i];
            if (x < Float.MAX_VALUE && x > -Float.MAX_VALUE) {
                int s = (int) (((index[i] ^ xorHash) + offset) & mask);
                if (spare != 0) {
                    x *= weights[s + spare];
                }
                weights[s] += update * x;
            }
        }
    }
}
