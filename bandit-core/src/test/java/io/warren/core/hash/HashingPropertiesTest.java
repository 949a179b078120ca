package io.warren.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Murmur3 and VW's two feature hashers: published vectors and the invariants VW relies on. */
class HashingPropertiesTest {
    private static long murmur(String s, long seed) {
        return Murmur3.hash(s.getBytes(StandardCharsets.UTF_8), seed);
    }

    @Example
    void murmur3MatchesPublishedX86Vectors() {
        assertThat(murmur("", 0)).isEqualTo(0L);
        assertThat(murmur("", 1)).isEqualTo(0x514E28B7L);
        assertThat(murmur("", 0xffffffffL)).isEqualTo(0x81F16F39L);
        assertThat(Murmur3.hash(new byte[4], 0)).isEqualTo(0x2362F9DEL);
        assertThat(murmur("aaaa", 0x9747b28cL)).isEqualTo(0x5A97808AL);
        assertThat(murmur("Hello, world!", 0x9747b28cL)).isEqualTo(0x24884CBAL);
        assertThat(murmur("The quick brown fox jumps over the lazy dog", 0x9747b28cL)).isEqualTo(0x2FA826CDL);
    }

    @Example
    void vwsSharedLabelHashIsMurmurOfShared() {
        assertThat(murmur("shared", 0)).isEqualTo(357971040L);
        assertThat(FeatureHasher.STRINGS.hash("shared", 0)).isEqualTo(357971040L);
    }

    /** A second, deliberately plain MurmurHash3_x86_32 to compare against. */
    private static long reference(byte[] data, long seed) {
        int h = (int) seed;
        ByteBuffer bb = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        while (bb.remaining() >= 4) {
            int k = bb.getInt();
            k *= 0xcc9e2d51;
            k = (k << 15) | (k >>> 17);
            k *= 0x1b873593;
            h ^= k;
            h = (h << 13) | (h >>> 19);
            h = h * 5 + 0xe6546b64;
        }
        int k = 0;
        int rest = bb.remaining();
        for (int i = rest - 1; i >= 0; i--) {
            k = (k << 8) | (data[data.length - rest + i] & 0xff);
        }
        if (rest > 0) {
            k *= 0xcc9e2d51;
            k = (k << 15) | (k >>> 17);
            k *= 0x1b873593;
            h ^= k;
        }
        h ^= data.length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h & 0xffffffffL;
    }

    @Property
    void murmur3AgreesWithAPlainReferenceOnAnyBytesAndSeed(@ForAll @Size(max = 40) byte[] data,
                                                            @ForAll @LongRange(min = 0, max = 0xffffffffL) long seed) {
        assertThat(Murmur3.hash(data, seed)).isEqualTo(reference(data, seed));
    }

    @Property
    void murmur3IsAnUnsigned32BitValue(@ForAll byte[] data, @ForAll long seed) {
        assertThat(Murmur3.hash(data, seed)).isBetween(0L, 0xffffffffL);
    }

    @Property
    void murmur3OfASliceEqualsMurmur3OfItsCopy(@ForAll @Size(min = 1, max = 64) byte[] data,
                                              @ForAll @IntRange(max = 63) int from, @ForAll @IntRange(max = 63) int to,
                                              @ForAll @LongRange(min = 0, max = 0xffffffffL) long seed) {
        int a = Math.min(from, data.length);
        int b = Math.min(Math.max(a, to), data.length);
        assertThat(Murmur3.hash(data, a, b - a, seed)).isEqualTo(Murmur3.hash(Arrays.copyOfRange(data, a, b), seed));
    }

    @Property
    void onlyTheLow32BitsOfTheSeedMatter(@ForAll byte[] data, @ForAll @LongRange(min = 0, max = 0xffffffffL) long seed,
                                        @ForAll @IntRange(min = 1, max = 0x7fffffff) int high) {
        assertThat(Murmur3.hash(data, seed | ((long) high << 32))).isEqualTo(Murmur3.hash(data, seed));
    }

    @Property
    void digitNamesHashToTheirValuePlusSeed(@ForAll @LongRange(min = 0, max = 4_000_000_000L) long value,
                                            @ForAll @LongRange(min = 0, max = 0xffffffffL) long seed) {
        assertThat(FeatureHasher.STRINGS.hash(Long.toString(value), seed)).isEqualTo((value + seed) & 0xffffffffL);
    }

    @Property
    void leadingZerosDoNotChangeADigitName(@ForAll @LongRange(min = 0, max = 99_999_999L) long value,
                                           @ForAll @IntRange(min = 1, max = 5) int zeros, @ForAll long seed) {
        String padded = "0".repeat(zeros) + value;
        assertThat(FeatureHasher.STRINGS.hash(padded, seed)).isEqualTo(FeatureHasher.STRINGS.hash(Long.toString(value), seed));
    }

    @Property
    void digitNamesLongerThanALongWrapLikeVwsSizeT(@ForAll("digits") String digits, @ForAll long seed) {
        long v = 0;
        for (char c : digits.toCharArray()) {
            v = 10 * v + (c - '0');
        }
        assertThat(FeatureHasher.STRINGS.hash(digits, seed)).isEqualTo((v + seed) & 0xffffffffL);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40);
    }

    @Property
    void stringsTrimsSpacesAndControlBytesAtBothEnds(@ForAll("names") String name, @ForAll("blanks") String left,
                                                     @ForAll("blanks") String right, @ForAll long seed) {
        assertThat(FeatureHasher.STRINGS.hash(left + name + right, seed)).isEqualTo(FeatureHasher.STRINGS.hash(name, seed));
    }

    @Property
    void nonDigitNamesHashWithMurmur3UnderStrings(@ForAll("names") String name,
                                                 @ForAll @LongRange(min = 0, max = 0xffffffffL) long seed) {
        assertThat(FeatureHasher.STRINGS.hash(name, seed)).isEqualTo(murmur(name, seed));
    }

    @Property
    void allHashesTheRawBytesWithoutTrimmingOrDigitShortcut(@ForAll("blanks") String left, @ForAll("digits") String digits,
                                                           @ForAll @LongRange(min = 0, max = 0xffffffffL) long seed) {
        assertThat(FeatureHasher.ALL.hash(left + digits, seed)).isEqualTo(murmur(left + digits, seed));
    }

    @Property
    void emptyOrBlankNameUnderStringsIsTheSeedItself(@ForAll("blanks") String blank,
                                                     @ForAll @LongRange(min = 0, max = 0xffffffffL) long seed) {
        assertThat(FeatureHasher.STRINGS.hash(blank, seed)).isEqualTo(seed);
    }

    /** Names with at least one non-digit and no blank or control characters at either end. */
    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('!', '~').withChars("éßж中").ofMinLength(1).ofMaxLength(20)
                .filter(s -> s.chars().anyMatch(c -> c < '0' || c > '9'));
    }

    @Provide
    Arbitrary<String> blanks() {
        return Arbitraries.strings().withChars(" \t\n\r\u0001\u001f").ofMaxLength(4);
    }
}
