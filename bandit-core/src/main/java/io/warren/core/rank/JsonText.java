package io.warren.core.rank;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes one JSON text (a response body, a logged line) with what its thread keeps from the last one: the
 * UTF-8 goes into a kept buffer and is copied out once, and floats are written as {@link Float#toString}
 * writes them but through a kept builder, without a String each. Rank requests are hot: this keeps their
 * writing from allocating more than the text it produces.
 */
public final class JsonText {
    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadLocal<JsonText> FOR_THREAD = ThreadLocal.withInitial(JsonText::new);
    /** A buffer that one outsized text grew past this is not kept. */
    private static final int KEPT_BUFFER_BYTES = 1 << 20;

    /** What writes the text. */
    public interface Body {
        void write(JsonText text, JsonGenerator g) throws IOException;
    }

    private final DecisionJson.Bytes out = new DecisionJson.Bytes();
    private final StringBuilder number = new StringBuilder(32);
    private final char[] numberChars = new char[32];
    private boolean writing;

    private JsonText() {}

    /** The text {@code body} writes, as UTF-8. */
    public static byte[] bytes(Body body) {
        JsonText text = writer();
        try {
            text.write(body);
            return text.out.toByteArray();
        } finally {
            text.done();
        }
    }

    /** The text {@code body} writes, as a String. */
    public static String string(Body body) {
        JsonText text = writer();
        try {
            text.write(body);
            return text.out.toString(StandardCharsets.UTF_8);
        } finally {
            text.done();
        }
    }

    /** Writes {@code value} as a JSON number, as {@link JsonGenerator#writeNumber(float)} would. */
    public void writeFloat(JsonGenerator g, float value) throws IOException {
        if (!Float.isFinite(value)) {
            g.writeNumber(value);
            return;
        }
        number.setLength(0);
        number.append(value);
        int length = number.length();
        number.getChars(0, length, numberChars, 0);
        g.writeRawValue(numberChars, 0, length);
    }

    /** The thread's writer, or a fresh one when a text is written while the thread's is busy with another. */
    private static JsonText writer() {
        JsonText text = FOR_THREAD.get();
        return text.writing ? new JsonText() : text;
    }

    private void write(Body body) {
        writing = true;
        out.reset();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            body.write(this, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void done() {
        writing = false;
        if (out.array().length > KEPT_BUFFER_BYTES && FOR_THREAD.get() == this) {
            FOR_THREAD.remove();
        }
    }
}
