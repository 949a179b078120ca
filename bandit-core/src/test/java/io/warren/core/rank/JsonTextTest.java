package io.warren.core.rank;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    private static final float[] SPECIAL = {0f, -0f, 1f, 0.1f, 1e-10f, 3.4028235e38f, Float.MIN_VALUE, 0.82f,
        1f / 3, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};

    /** What Jackson's own writeNumber(float) writes for these values, in an array. */
    private static String jackson(float[] values) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartArray();
            for (float v : values) {
                g.writeNumber(v);
            }
            g.writeEndArray();
        }
        return out.toString();
    }

    @Test
    void floatsAreWrittenAsJacksonWritesThem() throws IOException {
        Random random = new Random(7);
        float[] values = new float[SPECIAL.length + 2_000];
        System.arraycopy(SPECIAL, 0, values, 0, SPECIAL.length);
        for (int i = SPECIAL.length; i < values.length; i++) {
            values[i] = i % 2 == 0 ? random.nextFloat() : Float.intBitsToFloat(random.nextInt());
        }
        String ours = JsonText.string((text, g) -> {
            g.writeStartArray();
            for (float v : values) {
                text.writeFloat(g, v);
            }
            g.writeEndArray();
        });
        assertThat(ours).isEqualTo(jackson(values));
    }

    @Test
    void aTextWrittenWhileAnotherIsBeingWrittenIsItsOwn() {
        String outer = JsonText.string((text, g) -> {
            g.writeStartObject();
            String inner = JsonText.string((t, h) -> h.writeString("inner \u00e9"));
            g.writeStringField("nested", inner);
            g.writeEndObject();
        });
        assertThat(outer).isEqualTo("{\"nested\":\"\\\"inner \u00e9\\\"\"}");
        byte[] bytes = JsonText.bytes((text, g) -> g.writeString("\u00e9"));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\"\u00e9\"");
    }
}
