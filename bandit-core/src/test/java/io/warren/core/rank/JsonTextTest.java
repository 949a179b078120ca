package io.warren.core.rank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer against Jackson's generator as the oracle: the same calls must give the same text. */
class JsonTextTest {
    private static final float[] SPECIAL = {0f, -0f, 1f, 0.1f, 1e-10f, 3.4028235e38f, Float.MIN_VALUE, 0.82f,
        1f / 3, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    /** Characters that strings are drawn from: plain, escaped, controls, two- and three-byte, a surrogate pair. */
    private static final String ALPHABET = "az09 _-\"\\/\b\t\n\f\r\u0000\u0001\u001f\u007f\u00e9\u00ff\u0100\u07ff"
            + "\u0800\u20ac\uffff\ud83d\ude00";

    @Test
    void floatsAreWrittenAsJacksonWritesThem() throws IOException {
        Random random = new Random(7);
        float[] values = new float[SPECIAL.length + 2_000];
        System.arraycopy(SPECIAL, 0, values, 0, SPECIAL.length);
        for (int i = SPECIAL.length; i < values.length; i++) {
            values[i] = i % 2 == 0 ? random.nextFloat() : Float.intBitsToFloat(random.nextInt());
        }
        // Twice over, so that values come again from the writer's kept float texts as well as freshly formatted.
        String ours = JsonText.string(out -> {
            out.startArray();
            for (int pass = 0; pass < 2; pass++) {
                for (float v : values) {
                    out.number(v);
                }
            }
            out.endArray();
        });
        StringWriter jackson = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(jackson)) {
            g.writeStartArray();
            for (int pass = 0; pass < 2; pass++) {
                for (float v : values) {
                    g.writeNumber(v);
                }
            }
            g.writeEndArray();
        }
        assertThat(ours).isEqualTo(jackson.toString());
    }

    @Test
    void nestedObjectsStringsAndNumbersAreWrittenAsJacksonWritesThem() throws IOException {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            String[] strings = new String[8];
            for (int s = 0; s < strings.length; s++) {
                StringBuilder text = new StringBuilder();
                for (int c = random.nextInt(12); c > 0; c--) {
                    int at = random.nextInt(ALPHABET.length());
                    // The pair's halves go together (a lone half is checked below).
                    text.append(Character.isSurrogate(ALPHABET.charAt(at)) ? "\ud83d\ude00" : ALPHABET.charAt(at));
                }
                strings[s] = text.toString();
            }
            int number = random.nextInt();
            boolean flag = random.nextBoolean();
            String ours = JsonText.string(out -> {
                out.startObject();
                out.field(strings[0], strings[1]);
                out.name(strings[2]).startArray().string(strings[3]).number(number).bool(flag).startObject()
                        .endObject().startArray().endArray().endArray();
                out.name("o").startObject().field(strings[4], number).field(strings[5], flag).endObject();
                out.field(strings[6], strings[7]);
                out.endObject();
            });
            StringWriter jackson = new StringWriter();
            try (JsonGenerator g = new JsonFactory().createGenerator(jackson)) {
                g.writeStartObject();
                g.writeStringField(strings[0], strings[1]);
                g.writeArrayFieldStart(strings[2]);
                g.writeString(strings[3]);
                g.writeNumber(number);
                g.writeBoolean(flag);
                g.writeStartObject();
                g.writeEndObject();
                g.writeStartArray();
                g.writeEndArray();
                g.writeEndArray();
                g.writeObjectFieldStart("o");
                g.writeNumberField(strings[4], number);
                g.writeBooleanField(strings[5], flag);
                g.writeEndObject();
                g.writeStringField(strings[6], strings[7]);
                g.writeEndObject();
            }
            assertThat(ours).isEqualTo(jackson.toString());
        }
    }

    @Test
    void rawValuesAreCopiedAsTheirBytes() {
        byte[] body = "xx{\"a\":\"\u00e9\"}yy".getBytes(StandardCharsets.UTF_8);
        RawJson slice = new RawJson(body, 2, body.length - 4);
        assertThat(slice).isEqualTo(RawJson.of("{\"a\":\"\u00e9\"}")).isEqualTo(slice.copy());
        assertThat(slice.hashCode()).isEqualTo(RawJson.of("{\"a\":\"\u00e9\"}").hashCode());
        assertThat(JsonText.string(out -> out.startArray().raw(slice).raw(slice).endArray()))
                .isEqualTo("[{\"a\":\"\u00e9\"},{\"a\":\"\u00e9\"}]");
    }

    @Test
    void aLoneSurrogateIsWrittenAsAQuestionMarkAsStringGetBytesDoes() {
        assertThat(JsonText.bytes(out -> out.string("a\ud800b")))
                .isEqualTo("\"a\ud800b\"".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTextWrittenWhileAnotherIsBeingWrittenIsItsOwn() {
        String outer = JsonText.string(out -> {
            out.startObject();
            String inner = JsonText.string(nested -> nested.string("inner \u00e9"));
            out.field("nested", inner);
            out.endObject();
        });
        assertThat(outer).isEqualTo("{\"nested\":\"\\\"inner \u00e9\\\"\"}");
    }

    @Test
    void aLongTextGrowsTheBuffer() {
        String id = "\u20ac".repeat(5_000);
        byte[] bytes = JsonText.bytes(out -> out.startArray().string(id).string(id).endArray());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("[\"" + id + "\",\"" + id + "\"]");
    }
}
