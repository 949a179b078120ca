package io.warren.core.parse;

import java.util.Arrays;

/**
 * A reused byte buffer holding one JSON string re-encoded as UTF-8, so hashing sees the same bytes
 * VW's in-situ JSON reader sees (escapes decoded, non-ASCII as UTF-8). {@link #cLength()} is the
 * length up to the first NUL byte, which is what VW's C-string handling ({@code strlen}) uses.
 */
final class Utf8Scratch {
    byte[] bytes = new byte[64];
    int length;

    /** Encodes {@code chars[off, off+len)}; false when it holds an unpaired surrogate (invalid JSON text). */
    boolean encode(char[] chars, int off, int len) {
        ensure(len * 3);
        int n = 0;
        int end = off + len;
        for (int i = off; i < end; i++) {
            char c = chars[i];
            if (c < 0x80) {
                bytes[n++] = (byte) c;
            } else if (c < 0x800) {
                bytes[n++] = (byte) (0xc0 | (c >> 6));
                bytes[n++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(chars[i + 1])) {
                    length = n;
                    return false;
                }
                int cp = Character.toCodePoint(c, chars[++i]);
                bytes[n++] = (byte) (0xf0 | (cp >> 18));
                bytes[n++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                bytes[n++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                bytes[n++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                bytes[n++] = (byte) (0xe0 | (c >> 12));
                bytes[n++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                bytes[n++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        length = n;
        return true;
    }

    void set(byte[] source, int off, int len) {
        ensure(len);
        System.arraycopy(source, off, bytes, 0, len);
        length = len;
    }

    void ensure(int capacity) {
        if (bytes.length < capacity) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }

    int cLength() {
        return cLength(bytes, 0, length);
    }

    static int cLength(byte[] b, int off, int len) {
        for (int i = 0; i < len; i++) {
            if (b[off + i] == 0) {
                return i;
            }
        }
        return len;
    }

    String text() {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
