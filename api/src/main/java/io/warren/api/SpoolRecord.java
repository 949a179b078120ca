package io.warren.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * One spooled record as a line: {@code crc TAB key TAB value LF}, where {@code crc} is the CRC-32C of
 * {@code key TAB value} in eight hex digits. Keys (event ids) and values (JSON from Warren's writers)
 * hold no raw tab or newline, so a line reads back unambiguously; a line whose CRC does not match was
 * torn or damaged.
 */
record SpoolRecord(String key, String value) {
    private static final HexFormat HEX = HexFormat.of();
    private static final String HEX_DIGITS = "0123456789abcdef";
    private static final Pattern TIMESTAMP = Pattern.compile("\"Timestamp\":\"([^\"]+)\"");

    /** The value's {@code Timestamp} (decisions and rewards have one), or null when it has none that reads. */
    Instant timestamp() {
        Matcher m = TIMESTAMP.matcher(value);
        try {
            return m.find() ? Instant.parse(m.group(1)) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The length of the line {@link #put} writes for {@code key} and {@code value} (both UTF-8). */
    static int lineLength(byte[] key, byte[] value) {
        return 9 + key.length + 1 + value.length + 1;
    }

    /**
     * Writes the line of {@code key} and {@code value} (both UTF-8) into {@code out}, which has room for
     * {@link #lineLength} more bytes, with {@code crc} (reset here) for its checksum. Straight from the
     * caller's bytes: a decision is most of a rank's allocation, and it is not copied again on its way.
     */
    static void put(ByteBuffer out, byte[] key, byte[] value, CRC32C crc) {
        crc.reset();
        crc.update(key);
        crc.update('\t');
        crc.update(value);
        int checksum = (int) crc.getValue();
        for (int i = 0; i < 8; i++) {
            out.put((byte) HEX_DIGITS.charAt((checksum >>> (28 - 4 * i)) & 0xf));
        }
        out.put((byte) '\t').put(key).put((byte) '\t').put(value).put((byte) '\n');
    }

    /** The record in {@code buf[from, to)} (one line without its LF), or null when the line is damaged. */
    static SpoolRecord parse(byte[] buf, int from, int to) {
        if (to - from < 10 || buf[from + 8] != '\t') {
            return null;
        }
        long expected;
        try {
            expected = HEX.fromHexDigits(new String(buf, from, 8, StandardCharsets.US_ASCII)) & 0xffffffffL;
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (crc(buf, from + 9, to - from - 9) != expected) {
            return null;
        }
        String body = new String(buf, from + 9, to - from - 9, StandardCharsets.UTF_8);
        int tab = body.indexOf('\t');
        return tab < 0 ? null : new SpoolRecord(body.substring(0, tab), body.substring(tab + 1));
    }

    private static long crc(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return crc.getValue();
    }
}
