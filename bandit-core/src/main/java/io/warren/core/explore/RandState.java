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

    private static float toFloat(long s) {
        int bits = (int) ((s >>> 25) & 0x7FFFFF) | (127 << 23);
        return Float.intBitsToFloat(bits) - 1f;
    }
}
