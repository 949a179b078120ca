package io.warren.joiner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Typed fields of the loops' JSON records (decisions, rewards, config records), read from a streaming
 * parser; a field of the wrong type is an {@link InvalidRecordException} that names it.
 */
public final class RecordFields {
    private RecordFields() {}

    public static String text(JsonParser p, JsonToken token, String field) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidRecordException(field + " must be a string, not " + token);
        }
        return p.getText();
    }

    public static float number(JsonParser p, JsonToken token, String field) throws IOException {
        if (!token.isNumeric()) {
            throw new InvalidRecordException(field + " must be a number, not " + token);
        }
        return p.getFloatValue();
    }

    /** An ISO-8601 duration such as Personalizer's {@code PT10M}. */
    public static Duration duration(String text, String field) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field + " must be an ISO-8601 duration such as PT10M, not '" + text + "'", e);
        }
    }
}
