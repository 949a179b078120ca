package io.warren.core.parse;

/**
 * Reads a JSON number literal the way VW's JSON reader receives it from rapidjson (default flags, no
 * full precision), so feature values are bit-identical to VW's:
 * <ul>
 *   <li>a non-negative integer below 2^32 is an unsigned integer ({@link #isUint});
 *   <li>other integers up to 64 bits are converted to float directly;
 *   <li>anything else accumulates at most 17 significant decimal digits (exactly while they fit in
 *       53 bits, then in double arithmetic) and is scaled by one exact power of ten (multiply for a
 *       non-negative exponent, divide otherwise: rapidjson's "normal precision" strtod), then
 *       rounded to float.
 * </ul>
 * The literal is assumed to follow JSON's number grammar (the tokenizer has checked it).
 */
final class JsonNumber {
    private static final double[] POW10 = new double[309];

    static {
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Double.parseDouble("1e" + i);
        }
    }

    /** True when the literal was handed over as an unsigned 32-bit integer, in {@link #uint}. */
    boolean isUint;
    long uint;
    /** The value as VW's float handler receives it, when not {@link #isUint}. */
    float value;

    /** Parses {@code s[off, off+len)}; false when rapidjson would reject it as too big. */
    boolean parse(char[] s, int off, int len) {
        int p = off;
        int end = off + len;
        boolean minus = s[p] == '-';
        if (minus) {
            p++;
        }
        long i = 0;
        long i64 = 0;
        boolean use64 = false;
        int significandDigits = 0;
        if (s[p] == '0') {
            p++;
        } else {
            i = s[p++] - '0';
            long limit = minus ? 214748364L : 429496729L;
            char lastDigit = minus ? '8' : '5';
            while (p < end && isDigit(s[p])) {
                if (i >= limit && (i != limit || s[p] > lastDigit)) {
                    i64 = i;
                    use64 = true;
                    break;
                }
                i = i * 10 + (s[p++] - '0');
                significandDigits++;
            }
        }
        boolean useDouble = false;
        double d = 0.0;
        if (use64) {
            long limit = minus ? 0x0CCCCCCCCCCCCCCCL : 0x1999999999999999L;
            char lastDigit = minus ? '8' : '5';
            while (p < end && isDigit(s[p])) {
                if (Long.compareUnsigned(i64, limit) >= 0 && (i64 != limit || s[p] > lastDigit)) {
                    d = unsignedToDouble(i64);
                    useDouble = true;
                    break;
                }
                i64 = i64 * 10 + (s[p++] - '0');
                significandDigits++;
            }
        }
        if (useDouble) {
            while (p < end && isDigit(s[p])) {
                d = d * 10 + (s[p++] - '0');
            }
        }
        int expFrac = 0;
        if (p < end && s[p] == '.') {
            p++;
            if (!useDouble) {
                if (!use64) {
                    i64 = i;
                }
                while (p < end && isDigit(s[p])) {
                    if (Long.compareUnsigned(i64, 0x1FFFFFFFFFFFFFL) > 0) {
                        break;
                    }
                    i64 = i64 * 10 + (s[p++] - '0');
                    --expFrac;
                    if (i64 != 0) {
                        significandDigits++;
                    }
                }
                d = unsignedToDouble(i64);
                useDouble = true;
            }
            while (p < end && isDigit(s[p])) {
                if (significandDigits < 17) {
                    d = d * 10.0 + (s[p++] - '0');
                    --expFrac;
                    if (d > 0.0) {
                        significandDigits++;
                    }
                } else {
                    p++;
                }
            }
        }
        int exp = 0;
        if (p < end && (s[p] == 'e' || s[p] == 'E')) {
            p++;
            if (!useDouble) {
                d = use64 ? unsignedToDouble(i64) : (double) i;
                useDouble = true;
            }
            boolean expMinus = false;
            if (s[p] == '+') {
                p++;
            } else if (s[p] == '-') {
                expMinus = true;
                p++;
            }
            exp = s[p++] - '0';
            if (expMinus) {
                int maxExp = (expFrac + 2147483639) / 10;
                while (p < end && isDigit(s[p])) {
                    exp = exp * 10 + (s[p++] - '0');
                    if (exp > maxExp) {
                        while (p < end && isDigit(s[p])) {
                            p++;
                        }
                    }
                }
                exp = -exp;
            } else {
                int maxExp = 308 - expFrac;
                while (p < end && isDigit(s[p])) {
                    exp = exp * 10 + (s[p++] - '0');
                    if (exp > maxExp) {
                        return false;
                    }
                }
            }
        }
        isUint = false;
        if (useDouble) {
            d = normalPrecision(d, exp + expFrac);
            if (d > Double.MAX_VALUE) {
                return false;
            }
            value = (float) (minus ? -d : d);
        } else if (use64) {
            value = minus ? (float) -i64 : unsignedToFloat(i64);
        } else if (minus) {
            value = (float) (int) -i;
        } else {
            isUint = true;
            uint = i;
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static double fastPath(double significand, int exp) {
        if (exp < -308) {
            return 0.0;
        }
        return exp >= 0 ? significand * POW10[exp] : significand / POW10[-exp];
    }

    private static double normalPrecision(double d, int p) {
        if (p < -308) {
            return fastPath(fastPath(d, -308), p + 308);
        }
        return fastPath(d, p);
    }

    /** C's conversion of a uint64_t to double (round to nearest even). */
    static double unsignedToDouble(long v) {
        if (v >= 0) {
            return (double) v;
        }
        return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }

    static float unsignedToFloat(long v) {
        if (v >= 0) {
            return (float) v;
        }
        return ((float) ((v >>> 1) | (v & 1))) * 2f;
    }
}
