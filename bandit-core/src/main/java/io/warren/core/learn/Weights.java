package io.warren.core.learn;

/**
 * The weight table: {@code 2^bits} slots addressed as VW addresses them, by a feature index plus
 * offset, masked, where each slot spans {@code 2^strideShift} positions ({@code [w, adaptive,
 * normalizer, spare]} for the default update).
 *
 * <p>Unlike VW, the weights themselves live apart from the per-feature update state: {@link #value}
 * holds one float per slot and {@link #state} the interleaved slot with position 0 unused. Predictions
 * read only {@link #value} (a quarter of the memory, so it stays in cache), and they happen K times per
 * event against one update. The arithmetic is unchanged.
 */
public final class Weights {
    public final float[] value;
    public final float[] state;
    public final long mask;
    public final int strideShift;
    public final int bits;

    public Weights(int bits, int strideShift) {
        this.bits = bits;
        this.strideShift = strideShift;
        long slots = 1L << bits;
        long length = slots << strideShift;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("-b " + bits + " needs " + length + " floats: too many for one table");
        }
        this.value = new float[(int) slots];
        this.state = strideShift == 0 ? new float[0] : new float[(int) length];
        this.mask = length - 1;
    }

    public int stride() {
        return 1 << strideShift;
    }

    public long slots() {
        return 1L << bits;
    }

    /** Position {@code k} of slot {@code slot}: the weight for k = 0, update state otherwise. */
    public float get(long slot, int k) {
        return k == 0 ? value[(int) slot] : state[(int) ((slot << strideShift) + k)];
    }

    public void set(long slot, int k, float v) {
        if (k == 0) {
            value[(int) slot] = v;
        } else {
            state[(int) ((slot << strideShift) + k)] = v;
        }
    }
}
