package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A spooled line reads back as what was put, and any changed byte is caught by its checksum. */
class SpoolRecordTest {
    private static final CRC32C CRC = new CRC32C();

    @Provide
    Arbitrary<String> texts() {
        // Anything but tab and newline (Warren's keys and JSON values hold neither raw), beyond ASCII too.
        return Arbitraries.strings().all().excludeChars('\t', '\n').ofMaxLength(300);
    }

    private static byte[] line(String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(SpoolRecord.lineLength(k, v));
        SpoolRecord.put(out, k, v, CRC);
        assertThat(out.hasRemaining()).isFalse();
        return out.array();
    }

    @Property(tries = 500)
    void aLineReadsBackAsWhatWasPut(@ForAll("texts") String key, @ForAll("texts") String value) {
        byte[] line = line(key, value);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        SpoolRecord read = SpoolRecord.parse(line, 0, line.length - 1);
        // Unpaired surrogates do not survive UTF-8 either way; compare what the bytes say.
        assertThat(read).isEqualTo(new SpoolRecord(utf8RoundTrip(key), utf8RoundTrip(value)));
    }

    @Property(tries = 300)
    void aChangedByteIsCaught(@ForAll("texts") String key, @ForAll("texts") String value,
                              @ForAll("positions") double where, @ForAll("flips") int flip) {
        byte[] line = line(key, value);
        // After the checksum's hex digits (which read the same in either case): its tab, key, tab, value.
        int at = 8 + (int) (where * (line.length - 9));
        line[at] ^= (byte) flip;
        assertThat(SpoolRecord.parse(line, 0, line.length - 1)).isNull();
    }

    @Provide
    Arbitrary<Double> positions() {
        return Arbitraries.doubles().between(0, 1).lessThan(1);
    }

    @Provide
    Arbitrary<Integer> flips() {
        return Arbitraries.integers().between(1, 255);
    }

    private static String utf8RoundTrip(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
