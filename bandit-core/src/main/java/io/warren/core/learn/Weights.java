package io.warren.core.learn;

/**
 * The dense weight table: {@code 2^bits} slots of {@code 2^strideShift} floats each, interleaved as VW
 * does ({@code [w, adaptive, normalizer, spare]} for the default update), addressed by a feature
 * index plus offset, masked.
 */
public final class Weights {
    public final float[] w;
    public final long mask;
    public final int strideShift;
    public final int bits;

    public Weights(int bits, int strideShift) {
        this.bits = bits;
        this.strideShift = strideShift;
        long length = (1L << bits) << strideShift;
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("-b " + bits + " needs " + length + " floats: too many for one table");
        }
        this.w = new float[(int) length];
        this.mask = length - 1;
    }

    public int stride() {
        return 1 << strideShift;
    }

    public int slot(long index) {
        return (int) (index & mask);
    }
}
