package io.warren.core.rank;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value kept as the UTF-8 bytes the caller sent: {@code bytes[from, from + length)}, usually a slice
 * of a request body. A rank request's feature objects travel this way from the request to the decision
 * line and to VW's JSON reader, copied as bytes and never decoded into Strings. Two values are equal when
 * their bytes are.
 */
public final class RawJson {
    private final byte[] bytes;
    private final int from;
    private final int length;

    public RawJson(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.from = from;
        this.length = length;
    }

    /** A value from its text (tests, and requests not read from bytes). */
    public static RawJson of(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        return new RawJson(utf8, 0, utf8.length);
    }

    /** The value in an array of its own, which keeps nothing else alive. */
    public RawJson copy() {
        return new RawJson(Arrays.copyOfRange(bytes, from, from + length), 0, length);
    }

    public byte[] bytes() {
        return bytes;
    }

    public int from() {
        return from;
    }

    public int length() {
        return length;
    }

    /** The value's text. */
    public String text() {
        return new String(bytes, from, length, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawJson o
                && Arrays.equals(bytes, from, from + length, o.bytes, o.from, o.from + o.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return text();
    }
}
