package io.warren.kernels;

/**
 * Which per-feature state VW's gd keeps and where (offsets inside a weight slot), fixed at setup:
 * {@code adaptive} (AdaGrad sum of squared gradients), {@code normalized} (scale invariance by the
 * largest |x| seen) and the spare slot holding each feature's rate between the two passes.
 * {@code sqrtRate} is VW's power_t == 0.5 fast path (1/sqrt instead of pow).
 */
public record UpdateRule(int adaptive, int normalized, int spare, boolean sqrtRate, float negPowerT,
                         float negNormPower) {

    /** VW's tiny-|x| floor: features smaller than this are treated as this size in the normalizer. */
    public static final float X_MIN = 1.084202e-19f;
    public static final float X2_MIN = X_MIN * X_MIN;

    public static UpdateRule of(boolean adaptive, boolean normalized, float powerT) {
        boolean sqrt = powerT == 0.5f;
        float negPowerT = -powerT;
        float negNormPower = adaptive ? powerT - 1f : -1f;
        if (adaptive && normalized) {
            return new UpdateRule(1, 2, 3, sqrt, negPowerT, negNormPower);
        }
        if (adaptive) {
            return new UpdateRule(1, 0, 2, sqrt, negPowerT, negNormPower);
        }
        if (normalized) {
            return new UpdateRule(0, 1, 2, sqrt, negPowerT, negNormPower);
        }
        return new UpdateRule(0, 0, 0, sqrt, negPowerT, negNormPower);
    }

    /** log2 of the floats per weight slot: the smallest power of two holding the live fields. */
    public int strideShift() {
        int next = spare == 0 ? 1 : spare + 1;
        return ceilLog2(next - 1);
    }

    private static int ceilLog2(long v) {
        return v == 0 ? 0 : 1 + ceilLog2(v >> 1);
    }

    public boolean isAdaptive() {
        return adaptive != 0;
    }

    public boolean isNormalized() {
        return normalized != 0;
    }
}
