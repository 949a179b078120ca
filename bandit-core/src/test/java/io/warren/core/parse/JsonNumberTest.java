package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** JSON number literals as rapidjson hands them to VW's reader: unsigned integers or floats. */
class JsonNumberTest {
    private static JsonNumber read(String literal) {
        JsonNumber n = new JsonNumber();
        assertThat(n.parse(literal.toCharArray(), 0, literal.length())).as(literal).isTrue();
        return n;
    }

    @Example
    void nonNegativeIntegersBelowTwoToThe32AreUnsigned() {
        assertThat(read("0").isUint).isTrue();
        assertThat(read("4294967295").uint).isEqualTo(4294967295L);
        assertThat(read("4294967296").isUint).isFalse();
        assertThat(read("4294967296").value).isEqualTo(4294967296f);
    }

    @Example
    void negativeZeroAndNegativeIntegersAreFloats() {
        assertThat(read("-0").isUint).isFalse();
        assertThat(read("-0").value).isZero();
        assertThat(read("-2147483648").value).isEqualTo(-2147483648f);
        assertThat(read("-9223372036854775808").value).isEqualTo(-9.223372036854775808e18f);
    }

    @Example
    void integersBeyondSixtyFourBitsAccumulateAsDouble() {
        assertThat(read("18446744073709551615").value).isEqualTo(1.8446744073709552e19f);
        assertThat(read("123456789012345678901234567890").value).isEqualTo(1.2345679e29f);
    }

    @Example
    void exponentsAndFractionsScaleByOnePowerOfTen() {
        assertThat(read("1.5e3").value).isEqualTo(1500f);
        assertThat(read("0.994963765").value).isEqualTo(0.994963765f);
        assertThat(read("2.269201E-05").value).isEqualTo(2.269201E-05f);
        assertThat(read("1e-400").value).isZero();
    }

    @Example
    void tooBigNumbersAreRejected() {
        JsonNumber n = new JsonNumber();
        assertThat(n.parse("1e309".toCharArray(), 0, 5)).isFalse();
        assertThat(n.parse("1.8e308".toCharArray(), 0, 7)).isFalse();
    }

    @Property
    void integersReadAsTheirFloatValue(@ForAll @LongRange(min = Long.MIN_VALUE, max = Long.MAX_VALUE) long v) {
        JsonNumber n = read(Long.toString(v));
        if (v >= 0 && v <= 0xffffffffL) {
            assertThat(n.uint).isEqualTo(v);
        } else {
            assertThat(n.value).isEqualTo((float) v);
        }
    }

    @Property
    void decimalsWithinTheExactFastPathAreCorrectlyRounded(@ForAll @LongRange(min = -999_999_999_999_999L, max = 999_999_999_999_999L) long unscaled,
                                                          @ForAll @IntRange(min = 1, max = 22) int scale,
                                                          @ForAll boolean exponentForm) {
        BigDecimal d = BigDecimal.valueOf(unscaled, scale);
        String literal = exponentForm ? unscaled + "e-" + scale : d.toPlainString();
        assertThat(read(literal).value).as(literal).isEqualTo((float) d.doubleValue());
    }
}
