package io.warren.core.hash;

/**
 * MurmurHash3 x86_32 exactly as Vowpal Wabbit uses it (`uniform_hash`): little-endian 4-byte blocks,
 * unsigned byte tail, length mixed into the final avalanche. Returns the 32-bit hash as an unsigned
 * value in a {@code long} so callers can do VW's 64-bit index arithmetic without sign surprises.
 */
public final class Murmur3 {
    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3() {}

    public static long hash(byte[] data, int offset, int length, long seed) {
        int h1 = (int) seed;
        int blocks = length >>> 2;
        int p = offset;
        for (int i = 0; i < blocks; i++, p += 4) {
            int k1 = (data[p] & 0xff) | (data[p + 1] & 0xff) << 8 | (data[p + 2] & 0xff) << 16 | (data[p + 3] & 0xff) << 24;
            k1 *= C1;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= C2;
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int k1 = 0;
        switch (length & 3) {
            case 3:
                k1 ^= (data[p + 2] & 0xff) << 16;
                // fall through
            case 2:
                k1 ^= (data[p + 1] & 0xff) << 8;
                // fall through
            case 1:
                k1 ^= data[p] & 0xff;
                k1 *= C1;
                k1 = Integer.rotateLeft(k1, 15);
                k1 *= C2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= length;
        return Integer.toUnsignedLong(fmix(h1));
    }

    public static long hash(byte[] data, long seed) {
        return hash(data, 0, data.length, seed);
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
