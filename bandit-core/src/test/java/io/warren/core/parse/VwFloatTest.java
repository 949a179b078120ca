package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class VwFloatTest {

    /** VW's fast path as parse_primitives.h writes it: every digit folded in with a float multiply-add. */
    private static float vwFastPath(String text) {
        byte[] s = text.getBytes(StandardCharsets.US_ASCII);
        int p = 0;
        int sign = 1;
        if (p < s.length && s[p] == '-') {
            sign = -1;
            p++;
        }
        float acc = 0f;
        while (p < s.length && s[p] >= '0' && s[p] <= '9') {
            acc = acc * 10f + (s[p++] - '0');
        }
        int numDec = 0;
        if (p < s.length && s[p] == '.') {
            p++;
            while (p < s.length && s[p] >= '0' && s[p] <= '9') {
                if (numDec < 35) {
                    acc = acc * 10f + (s[p] - '0');
                    numDec++;
                }
                p++;
            }
        }
        int exp = 0;
        if (p < s.length && (s[p] == 'e' || s[p] == 'E')) {
            p++;
            int expSign = 1;
            if (p < s.length && s[p] == '-') {
                expSign = -1;
                p++;
            }
            while (p < s.length && s[p] >= '0' && s[p] <= '9') {
                exp = exp * 10 + (s[p++] - '0');
            }
            exp *= expSign;
        }
        byte e = (byte) (exp - numDec);
        float scale = e > 38 ? Float.POSITIVE_INFINITY : e < -37 ? 0f : (float) pow10(e);
        return sign * (acc * scale);
    }

    private static float pow10(int e) {
        float v = 1f;
        if (e >= 0) {
            for (int i = 0; i < e; i++) {
                v *= 10f;
            }
        } else {
            for (int i = 0; i < -e; i++) {
                v /= 10f;
            }
        }
        return v;
    }

    private static float parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return new VwFloat().parse(bytes, 0, bytes.length);
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> integer = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> exponent = Arbitraries.integers().between(-45, 45).map(e -> "e" + e);
        return Combinators.combine(Arbitraries.of("", "-"), integer, fraction, Arbitraries.of(true, false),
                exponent.injectNull(0.7)).as((sign, i, f, dot, exp) -> {
                    String body = i + (dot ? "." + f : "");
                    if (body.isEmpty() || body.equals(".")) {
                        body = "0";
                    }
                    return sign + body + (exp == null ? "" : exp);
                });
    }

    @Property(tries = 3000)
    void givesVwsFloatForEveryDigitString(@ForAll("numbers") String text) {
        assertThat(Float.floatToRawIntBits(parse(text))).as(text)
                .isEqualTo(Float.floatToRawIntBits(vwFastPath(text)));
    }

    @Test
    void longMantissasKeepVwsFloatRounding() {
        for (String text : new String[] {"16777217", "16777219.5", "123456789012", "0.000000123456789", "99999999.99"}) {
            assertThat(Float.floatToRawIntBits(parse(text))).as(text)
                    .isEqualTo(Float.floatToRawIntBits(vwFastPath(text)));
        }
    }
}
