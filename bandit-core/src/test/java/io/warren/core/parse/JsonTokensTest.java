package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer under VW's JSON reader against Jackson's streaming parser, which it replaced, as the
 * oracle: on decision-service lines with a few characters inserted, removed or replaced, it refuses what
 * Jackson refuses and otherwise gives the same tokens with the same names, strings (as UTF-8) and number
 * literals, also when the text is a range inside a larger array.
 */
class JsonTokensTest {
    private static final JsonFactory JACKSON = new JsonFactory();
    private static final List<String> LINES = List.of(
            "{\"_label_cost\":-1,\"_label_probability\":0.25,\"_label_Action\":2,\"_labelIndex\":1,\"o\":[{\"v\":1,"
                    + "\"EventId\":\"e\",\"ActionTaken\":false}],\"Timestamp\":\"2026-12-07T18:00:00.0000000Z\","
                    + "\"Version\":\"1\",\"EventId\":\"ev-1\",\"a\":[2,1,3],\"c\":{\"FromUrl\":[{\"user\":{\"mood\":"
                    + "\"tired\",\"visits\":12,\"mobile\":true}}],\"_multi\":[{\"_tag\":\"x\\u00e9\\\"\",\"i\":{\"constant\":1,"
                    + "\"id\":\"a\"},\"j\":[{\"price\":-1.5e-3,\"tags\":[1,null,2.0E+2]}]},{\"i\":{\"id\":\"\u20ac\"}}]},"
                    + "\"p\":[0.8,0.1,0.1],\"VWState\":{\"m\":\"v1\"},\"DeferredAction\":false}",
            "{ \"a\" : [ ] , \"c\" : { \"_text\" : \"a b\\tc\" , \"n\" : { } } , \"p\" : [ 1 ] , \"x\" : null }");

    @Provide
    Arbitrary<String> mutated() {
        return JsonMutations.of(LINES);
    }

    @Property(tries = 4000)
    void givesJacksonsTokensAndRefusesWhatItRefuses(@ForAll("mutated") String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<String> expected;
        try {
            expected = jackson(utf8);
        } catch (IOException e) {
            assertThatThrownBy(() -> ours(utf8)).as(text).isInstanceOf(JsonCursor.SyntaxException.class);
            return;
        }
        assertThat(ours(utf8)).as(text).isEqualTo(expected);
    }

    @Test
    void readsARangeInsideALargerArray() throws IOException {
        byte[] line = LINES.get(0).getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[line.length + 10];
        System.arraycopy(line, 0, padded, 4, line.length);
        padded[3] = '[';
        padded[4 + line.length] = '}';
        JsonTokens tokens = new JsonTokens();
        tokens.reset(padded, 4, 4 + line.length);
        assertThat(drain(tokens)).isEqualTo(jackson(line));
    }

    @Test
    void skipChildrenSkipsTheCurrentContainerOnly() {
        byte[] text = "{\"skip\":{\"a\":[1,{\"b\":2}]},\"keep\":3}".getBytes(StandardCharsets.UTF_8);
        JsonTokens tokens = new JsonTokens();
        tokens.reset(text, 0, text.length);
        assertThat(tokens.next()).isEqualTo(JsonTokens.Token.START_OBJECT);
        assertThat(tokens.next()).isEqualTo(JsonTokens.Token.NAME);
        assertThat(tokens.next()).isEqualTo(JsonTokens.Token.START_OBJECT);
        tokens.skipChildren();
        assertThat(tokens.current()).isEqualTo(JsonTokens.Token.END_OBJECT);
        assertThat(tokens.next()).isEqualTo(JsonTokens.Token.NAME);
        assertThat(tokens.nameQuote()).isEqualTo(text.length - 9);
        assertThat(tokens.next()).isEqualTo(JsonTokens.Token.NUMBER);
        assertThat(tokens.next()).isEqualTo(JsonTokens.Token.END_OBJECT);
        assertThat(tokens.next()).isNull();
    }

    @Test
    void refusesAnUnpairedSurrogateEscapeAsVwsReaderDoes() {
        byte[] text = "{\"k\":\"\\ud800x\"}".getBytes(StandardCharsets.UTF_8);
        JsonTokens tokens = new JsonTokens();
        tokens.reset(text, 0, text.length);
        tokens.next();
        tokens.next();
        assertThat(tokens.next()).isEqualTo(JsonTokens.Token.STRING);
        assertThat(tokens.text(new Utf8Scratch())).isFalse();
    }

    /**
     * Jackson's tokens as text: the token, then the name or string as UTF-8 or the number's literal. Content
     * after the root value is an error here, as it is to VW's reader (Jackson would read it as more values).
     */
    private static List<String> jackson(byte[] text) throws IOException {
        List<String> out = new ArrayList<>();
        try (JsonParser p = JACKSON.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (!out.isEmpty() && p.getParsingContext().inRoot() && t != JsonToken.END_OBJECT
                        && t != JsonToken.END_ARRAY) {
                    throw new IOException("content after the root value");
                }
                out.add(switch (t) {
                    case FIELD_NAME -> "NAME " + utf8(p.getText());
                    case VALUE_STRING -> "STRING " + utf8(p.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "NUMBER " + p.getText();
                    case VALUE_TRUE -> "TRUE";
                    case VALUE_FALSE -> "FALSE";
                    case VALUE_NULL -> "NULL";
                    default -> t.name();
                });
            }
        }
        return out;
    }

    private static String utf8(String text) {
        Utf8Scratch scratch = new Utf8Scratch();
        return scratch.encode(text.toCharArray(), 0, text.length()) ? scratch.text() : "<unpaired surrogate>";
    }

    private static List<String> ours(byte[] text) {
        JsonTokens tokens = new JsonTokens();
        tokens.reset(text, 0, text.length);
        return drain(tokens);
    }

    private static List<String> drain(JsonTokens tokens) {
        List<String> out = new ArrayList<>();
        Utf8Scratch scratch = new Utf8Scratch();
        JsonTokens.Token t;
        while ((t = tokens.next()) != null) {
            out.add(switch (t) {
                case NAME, STRING -> t.name() + " " + (tokens.text(scratch) ? scratch.text() : "<unpaired surrogate>");
                case NUMBER -> "NUMBER " + new String(tokens.chars(), 0, tokens.numberChars());
                default -> t.name();
            });
        }
        return out;
    }
}
