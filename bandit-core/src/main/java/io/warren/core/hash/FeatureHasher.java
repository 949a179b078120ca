package io.warren.core.hash;

import java.nio.charset.StandardCharsets;

/**
 * VW's two string hashers ({@code --hash strings|all}). {@code strings}, the default, trims ASCII
 * control/space bytes and hashes a name made only of decimal digits to {@code value + seed} (so
 * feature "123" lands on index 123 + namespace seed), anything else through murmur3.
 * {@code all} hashes every name through murmur3.
 */
public enum FeatureHasher {
    STRINGS {
        @Override
        public long hash(byte[] s, int offset, int length, long seed) {
            int start = offset;
            int end = offset + length;
            while (start < end && s[start] >= 0 && s[start] <= 0x20) {
                start++;
            }
            while (end > start && s[end - 1] >= 0 && s[end - 1] <= 0x20) {
                end--;
            }
            long value = 0;
            for (int p = start; p < end; p++) {
                byte b = s[p];
                if (b < '0' || b > '9') {
                    return Murmur3.hash(s, start, end - start, seed);
                }
                value = 10 * value + (b - '0');
            }
            return ((value + seed) & 0xffffffffL);
        }
    },
    ALL {
        @Override
        public long hash(byte[] s, int offset, int length, long seed) {
            return Murmur3.hash(s, offset, length, seed);
        }
    };

    /** Hashes {@code s[offset, offset+length)} with the given 32-bit seed; the result is an unsigned 32-bit value. */
    public abstract long hash(byte[] s, int offset, int length, long seed);

    public long hash(String s, long seed) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return hash(bytes, 0, bytes.length, seed);
    }

    public static FeatureHasher fromOption(String name) {
        return switch (name) {
            case "strings" -> STRINGS;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("unknown --hash '" + name + "': use strings or all");
        };
    }
}
