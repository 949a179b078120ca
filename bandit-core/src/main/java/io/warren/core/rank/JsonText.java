package io.warren.core.rank;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON text as UTF-8 into a kept buffer: what the rank path answers and logs (responses, decision
 * lines, the context handed to VW's JSON reader). It writes what Jackson's generator writes for the same
 * calls (strings escaped the same way, floats as {@link Float#toString}, non-finite floats quoted), but
 * straight into bytes: no generator or context objects per text, feature objects copied as the bytes they
 * arrived as ({@link RawJson}), numbers formatted through a kept builder. A rank writes three texts, and
 * Jackson's per-text set-up and char-to-byte copies were a fifth of its time.
 *
 * <p>Commas are placed by the writer: a value or a name after a value gets one. Not thread-safe; the static
 * {@link #bytes} and {@link #string} use the calling thread's writer.
 */
public final class JsonText {
    private static final ThreadLocal<JsonText> FOR_THREAD = ThreadLocal.withInitial(JsonText::new);
    /** A buffer that one outsized text grew past this is not kept. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;
    private static final int FLOATS_KEPT_BITS = 4;
    /** The longest float text, "-1.17549435E-38", with quotes to spare. */
    private static final int FLOAT_TEXT_BYTES = 18;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /** What writes the text. */
    public interface Body {
        void write(JsonText text);
    }

    private byte[] buf = new byte[2048];
    private int count;
    /** Whether the next value or name follows a value and so needs a comma first. */
    private boolean afterValue;
    private final StringBuilder number = new StringBuilder(32);
    /**
     * The text of floats written lately, by their bits in a direct-mapped table: formatting a float is
     * dear next to copying it, and a rank's probabilities repeat (the explored actions share one) and are
     * written twice, in the response and in the decision. A length of 0 marks an empty slot.
     */
    private final int[] floatBits = new int[1 << FLOATS_KEPT_BITS];
    private final int[] floatLength = new int[1 << FLOATS_KEPT_BITS];
    private final byte[][] floatText = new byte[1 << FLOATS_KEPT_BITS][FLOAT_TEXT_BYTES];
    private boolean writing;

    /** The text {@code body} writes, as UTF-8. */
    public static byte[] bytes(Body body) {
        JsonText text = writer();
        try {
            text.write(body);
            return Arrays.copyOf(text.buf, text.count);
        } finally {
            text.done();
        }
    }

    /** The text {@code body} writes, as a String. */
    public static String string(Body body) {
        JsonText text = writer();
        try {
            text.write(body);
            return new String(text.buf, 0, text.count, StandardCharsets.UTF_8);
        } finally {
            text.done();
        }
    }

    /** Empties this writer for the next text. */
    public void reset() {
        count = 0;
        afterValue = false;
    }

    /** The text written since the last {@link #reset()} is {@code array()[0, length())}. */
    public byte[] array() {
        return buf;
    }

    public int length() {
        return count;
    }

    public JsonText startObject() {
        separate();
        put('{');
        afterValue = false;
        return this;
    }

    public JsonText endObject() {
        put('}');
        afterValue = true;
        return this;
    }

    public JsonText startArray() {
        separate();
        put('[');
        afterValue = false;
        return this;
    }

    public JsonText endArray() {
        put(']');
        afterValue = true;
        return this;
    }

    /** A field name; its value comes next. */
    public JsonText name(String name) {
        separate();
        quoted(name);
        put(':');
        afterValue = false;
        return this;
    }

    public JsonText string(String value) {
        separate();
        quoted(value);
        afterValue = true;
        return this;
    }

    public JsonText number(int value) {
        separate();
        number.setLength(0);
        number.append(value);
        ascii(number);
        afterValue = true;
        return this;
    }

    /** As {@link Float#toString}; NaN and the infinities quoted, as Jackson writes them by default. */
    public JsonText number(float value) {
        separate();
        int bits = Float.floatToRawIntBits(value);
        int slot = (bits * 0x9e3779b9) >>> (32 - FLOATS_KEPT_BITS);
        if (floatLength[slot] == 0 || floatBits[slot] != bits) {
            keepFloat(slot, bits, value);
        }
        int length = floatLength[slot];
        ensure(length);
        System.arraycopy(floatText[slot], 0, buf, count, length);
        count += length;
        afterValue = true;
        return this;
    }

    /** Formats {@code value} into the kept text of {@code slot}. */
    private void keepFloat(int slot, int bits, float value) {
        number.setLength(0);
        boolean quote = !Float.isFinite(value);
        if (quote) {
            number.append('"');
        }
        number.append(value);
        if (quote) {
            number.append('"');
        }
        for (int i = 0; i < number.length(); i++) {
            floatText[slot][i] = (byte) number.charAt(i);
        }
        floatLength[slot] = number.length();
        floatBits[slot] = bits;
    }

    public JsonText bool(boolean value) {
        separate();
        ascii(value ? "true" : "false");
        afterValue = true;
        return this;
    }

    /** A JSON value copied as its bytes. */
    public JsonText raw(RawJson value) {
        separate();
        ensure(value.length());
        System.arraycopy(value.bytes(), value.from(), buf, count, value.length());
        count += value.length();
        afterValue = true;
        return this;
    }

    public JsonText field(String name, String value) {
        return name(name).string(value);
    }

    public JsonText field(String name, int value) {
        return name(name).number(value);
    }

    public JsonText field(String name, boolean value) {
        return name(name).bool(value);
    }

    /** The thread's writer, or a fresh one when a text is written while the thread's is busy with another. */
    private static JsonText writer() {
        JsonText text = FOR_THREAD.get();
        return text.writing ? new JsonText() : text;
    }

    private void write(Body body) {
        writing = true;
        reset();
        body.write(this);
    }

    private void done() {
        writing = false;
        if (buf.length > KEPT_BUFFER_BYTES && FOR_THREAD.get() == this) {
            FOR_THREAD.remove();
        }
    }

    private void separate() {
        if (afterValue) {
            put(',');
        }
    }

    /**
     * {@code value} as a JSON string, escaped as Jackson escapes by default: quote, backslash and control
     * characters; {@code \b \t \n \f \r} by their short forms, the other controls as <code>&#92;u00XX</code>.
     */
    private void quoted(String value) {
        int length = value.length();
        // Worst case: every char a six-byte escape (non-ASCII chars take at most three bytes each).
        ensure(6 * length + 2);
        byte[] out = buf;
        int at = count;
        out[at++] = '"';
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                count = at;
                utf8(value, i);
                at = count;
                break;
            }
            if (c < 0x20 || c == '"' || c == '\\') {
                at = escape(out, at, c);
            } else {
                out[at++] = (byte) c;
            }
        }
        out[at++] = '"';
        count = at;
    }

    /** The rest of {@code value} from {@code from}, which holds non-ASCII characters, UTF-8 encoded. */
    private void utf8(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c < 0x20 || c == '"' || c == '\\') {
                    count = escape(buf, count, c);
                } else {
                    buf[count++] = (byte) c;
                }
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, value.charAt(++i));
                buf[count++] = (byte) (0xf0 | codePoint >> 18);
                buf[count++] = (byte) (0x80 | (codePoint >> 12 & 0x3f));
                buf[count++] = (byte) (0x80 | (codePoint >> 6 & 0x3f));
                buf[count++] = (byte) (0x80 | (codePoint & 0x3f));
            } else if (Character.isSurrogate(c)) {
                buf[count++] = '?'; // a lone surrogate is no character: written as String.getBytes writes it
            } else if (c < 0x800) {
                buf[count++] = (byte) (0xc0 | c >> 6);
                buf[count++] = (byte) (0x80 | (c & 0x3f));
            } else {
                buf[count++] = (byte) (0xe0 | c >> 12);
                buf[count++] = (byte) (0x80 | (c >> 6 & 0x3f));
                buf[count++] = (byte) (0x80 | (c & 0x3f));
            }
        }
    }

    private static int escape(byte[] out, int at, char c) {
        out[at++] = '\\';
        switch (c) {
            case '"', '\\' -> out[at++] = (byte) c;
            case '\b' -> out[at++] = 'b';
            case '\t' -> out[at++] = 't';
            case '\n' -> out[at++] = 'n';
            case '\f' -> out[at++] = 'f';
            case '\r' -> out[at++] = 'r';
            default -> {
                out[at++] = 'u';
                out[at++] = '0';
                out[at++] = '0';
                out[at++] = HEX[c >> 4];
                out[at++] = HEX[c & 0xf];
            }
        }
        return at;
    }

    private void ascii(CharSequence text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            buf[count++] = (byte) text.charAt(i);
        }
    }

    private void put(char c) {
        ensure(1);
        buf[count++] = (byte) c;
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, count + more));
        }
    }
}
