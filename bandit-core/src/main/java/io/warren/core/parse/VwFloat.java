package io.warren.core.parse;

/**
 * VW's float reader (parse_primitives.h): a fast path that accumulates digits in float and scales by
 * a float power-of-ten table, used when the number is followed by a space, tab, newline or the end;
 * anything else falls back to strtof semantics (longest valid prefix). Reproducing the fast path
 * keeps feature values bit-identical to VW's, which matters for hashing-free numeric features.
 */
public final class VwFloat {
    private static final float[] POW10_POS = new float[39];
    private static final float[] POW10_NEG = new float[38];
    /** Below this, {@code exact * 10 + 9} is still under 2^24, where float holds every integer exactly. */
    private static final int EXACT_INT_LIMIT = (1 << 24) / 10 - 1;

    static {
        POW10_POS[0] = 1f;
        for (int i = 1; i < POW10_POS.length; i++) {
            POW10_POS[i] = POW10_POS[i - 1] * 10f;
        }
        POW10_NEG[0] = 1f;
        for (int i = 1; i < POW10_NEG.length; i++) {
            POW10_NEG[i] = POW10_NEG[i - 1] / 10f;
        }
    }

    /** Characters consumed by the last {@link #parse} on this thread: 0 means no number was read. */
    private int consumed;

    public int consumed() {
        return consumed;
    }

    /** Parses a float starting at {@code from} (not reading at or past {@code to}). */
    public float parse(byte[] s, int from, int to) {
        consumed = 0;
        if (from >= to) {
            return 0f;
        }
        int p = from;
        while (p < to && s[p] == ' ') {
            p++;
        }
        int sign = 1;
        if (p < to && s[p] == '-') {
            sign = -1;
            p++;
        }
        // VW folds each digit in with a float multiply-add. While the value stays below 2^24 every such
        // step is exact, so the digits go into an int (no chain of dependent float operations) and float
        // takes over from the exact value only for longer numbers.
        int exact = 0;
        float acc = 0f;
        boolean inFloat = false;
        while (p < to && s[p] >= '0' && s[p] <= '9') {
            int d = s[p++] - '0';
            if (!inFloat && exact < EXACT_INT_LIMIT) {
                exact = exact * 10 + d;
            } else {
                acc = (inFloat ? acc : exact) * 10f + d;
                inFloat = true;
            }
        }
        int numDec = 0;
        if (p < to && s[p] == '.') {
            p++;
            while (p < to && s[p] >= '0' && s[p] <= '9') {
                if (numDec < 35) {
                    int d = s[p] - '0';
                    if (!inFloat && exact < EXACT_INT_LIMIT) {
                        exact = exact * 10 + d;
                    } else {
                        acc = (inFloat ? acc : exact) * 10f + d;
                        inFloat = true;
                    }
                    numDec++;
                }
                p++;
            }
        }
        if (!inFloat) {
            acc = exact;
        }
        int expAcc = 0;
        if (p < to && (s[p] == 'e' || s[p] == 'E')) {
            p++;
            int expSign = 1;
            if (p < to && s[p] == '-') {
                expSign = -1;
                p++;
            }
            while (p < to && s[p] >= '0' && s[p] <= '9') {
                expAcc = expAcc * 10 + (s[p++] - '0');
            }
            expAcc *= expSign;
        }
        if (p == to || s[p] == ' ' || s[p] == '\n' || s[p] == '\t') {
            acc *= pow10((byte) (expAcc - numDec));
            consumed = p - from;
            return sign * acc;
        }
        return strtof(s, from, to);
    }

    /** VW's float 10^-decimals (0 <= decimals <= 37): what a fold of digits with that many decimals is scaled by. */
    static float tenToMinus(int decimals) {
        return POW10_NEG[decimals];
    }

    private static float pow10(byte exponent) {
        if (exponent > 38) {
            return Float.POSITIVE_INFINITY;
        }
        if (exponent < -37) {
            return 0f;
        }
        return exponent >= 0 ? POW10_POS[exponent] : POW10_NEG[-exponent];
    }

    /** strtof: skips leading whitespace, reads the longest prefix that is a float, records how much it read. */
    private float strtof(byte[] s, int from, int to) {
        int p = from;
        while (p < to && (s[p] == ' ' || s[p] == '\t')) {
            p++;
        }
        int start = p;
        int best = -1;
        float bestValue = 0f;
        // Try prefixes from the longest plausible token down; tokens are short so this stays cheap.
        int end = p;
        while (end < to && s[end] != ' ' && s[end] != '\t' && s[end] != '\n' && s[end] != '|' && s[end] != ':') {
            end++;
        }
        for (int e = end; e > start; e--) {
            String candidate = new String(s, start, e - start, java.nio.charset.StandardCharsets.ISO_8859_1);
            Float value = tryParse(candidate);
            if (value != null) {
                best = e;
                bestValue = value;
                break;
            }
        }
        if (best < 0) {
            consumed = 0;
            return 0f;
        }
        consumed = best - from;
        return bestValue;
    }

    private static Float tryParse(String token) {
        String t = token;
        char last = t.charAt(t.length() - 1);
        // Java accepts type suffixes and hex floats strtof would read differently; refuse those forms.
        if (last == 'f' || last == 'F' || last == 'd' || last == 'D' || t.startsWith("0x") || t.startsWith("-0x")) {
            return null;
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        switch (lower) {
            case "nan", "+nan", "-nan":
                return Float.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Float.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Float.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Float.parseFloat(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
