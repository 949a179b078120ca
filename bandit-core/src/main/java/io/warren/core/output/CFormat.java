package io.warren.core.output;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C and C++ stream number formatting, so Warren's text output is VW's character for character:
 * {@code %g} (an ostream's default float output with a precision) and {@code %.nf}. Both round the
 * exact binary value half-to-even, as glibc does.
 */
public final class CFormat {
    private CFormat() {}

    /** {@code printf("%.{precision}g", v)}: significant digits, trailing zeros removed. */
    public static String g(double v, int precision) {
        if (Double.isNaN(v)) {
            return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return (1.0 / v < 0) ? "-0" : "0";
        }
        int p = precision == 0 ? 1 : precision;
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= p) {
            BigDecimal mantissa = rounded.movePointLeft(exponent);
            String m = stripZeros(mantissa.setScale(p - 1, RoundingMode.HALF_EVEN).toPlainString());
            String sign = exponent < 0 ? "-" : "+";
            int abs = Math.abs(exponent);
            return m + "e" + sign + (abs < 10 ? "0" : "") + abs;
        }
        int decimals = Math.max(0, p - 1 - exponent);
        return stripZeros(rounded.setScale(decimals, RoundingMode.HALF_EVEN).toPlainString());
    }

    /** {@code printf("%.{decimals}f", v)}. */
    public static String fixed(double v, int decimals) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (v < 0 || (v == 0 && 1.0 / v < 0)) {
            if (!s.startsWith("-")) {
                s = "-" + s;
            }
        }
        return s;
    }

    /** VW's fmt_float: fixed with at most {@code decimals} places, trailing zeros and dot removed. */
    public static String trimmedFixed(float v, int decimals) {
        return stripZeros(fixed(v, decimals));
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        if (end > 0 && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
