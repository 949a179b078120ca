package io.warren.core.parse;

/** Reused (start, end) spans of the label words of one line: no strings are made for them. */
public final class Tokens {
    public int[] start = new int[8];
    public int[] end = new int[8];
    public int size;
    public byte[] line;

    public void clear(byte[] source) {
        line = source;
        size = 0;
    }

    public void add(int s, int e) {
        if (size == start.length) {
            start = java.util.Arrays.copyOf(start, size * 2);
            end = java.util.Arrays.copyOf(end, size * 2);
        }
        start[size] = s;
        end[size] = e;
        size++;
    }

    public int length(int i) {
        return end[i] - start[i];
    }

    public boolean equalsAscii(int i, String s) {
        if (length(i) != s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (line[start[i] + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    public String text(int i) {
        return new String(line, start[i], length(i), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Splits {@code [from, to)} at {@code delim}, skipping empty pieces (VW's tokenize). */
    public void split(byte[] source, int from, int to, byte delim) {
        clear(source);
        int s = from;
        for (int p = from; p < to; p++) {
            if (source[p] == delim) {
                if (p > s) {
                    add(s, p);
                }
                s = p + 1;
            }
        }
        if (to > s) {
            add(s, to);
        }
    }
}
