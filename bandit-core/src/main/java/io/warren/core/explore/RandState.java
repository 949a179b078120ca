package io.warren.core.explore;

/**
 * VW's merand48 generator: a 64-bit LCG whose top mantissa bits become a float in [0, 1). The same
 * generator seeds exploration draws (from an event-id hash) and bagging's Poisson weights.
 */
public final class RandState {
    private static final long A = 0xeece66d5deece66dL;
    private static final long C = 2147483647L;
    private long state;

    public RandState(long seed) {
        this.state = seed;
    }

    public long state() {
        return state;
    }

    public void setState(long s) {
        state = s;
    }

    /** Next value in [0, 1), advancing the state. */
    public float next() {
        state = A * state + C;
        return toFloat(state);
    }

    /** The value {@link #next()} would give from {@code seed}, without keeping any state. */
    public static float peek(long seed) {
        return toFloat(A * seed + C);
    }

    /** A standard normal draw (polar Box-Muller over pairs of uniforms), advancing the state. */
    public float nextGaussian() {
        float x1;
        float temp;
        do {
            x1 = 2f * next() - 1f;
            float x2 = 2f * next() - 1f;
            temp = x1 * x1 + x2 * x2;
        } while (temp >= 1f || temp == 0f);
        return boxMuller(x1, temp);
    }

    /**
     * The normal draw a generator seeded with {@code seed} would give first, without allocating: a
     * fixed pseudo-random weight per index (VW's lazily generated Gaussian weights).
     */
    public static float gaussianAt(long seed) {
        long s = seed;
        float x1;
        float temp;
        do {
            s = A * s + C;
            x1 = 2f * toFloat(s) - 1f;
            s = A * s + C;
            float x2 = 2f * toFloat(s) - 1f;
            temp = x1 * x1 + x2 * x2;
        } while (temp >= 1f || temp == 0f);
        return boxMuller(x1, temp);
    }

    private static float boxMuller(float x1, float radiusSquared) {
        return x1 * (float) Math.sqrt(-2f * (float) Math.log(radiusSquared) / radiusSquared);
    }

    private static float toFloat(long s) {
        int bits = (int) ((s >>> 25) & 0x7FFFFF) | (127 << 23);
        return Float.intBitsToFloat(bits) - 1f;
    }
}
