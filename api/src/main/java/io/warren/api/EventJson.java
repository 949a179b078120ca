package io.warren.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.warren.core.rank.RankRequestException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The reward request body and the records of rewards and activations (DESIGN.md's rewards topic). */
final class EventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private EventJson() {}

    /** The {@code value} of Personalizer's reward body {@code {"value": number}}, which must lie in [-1, 1]. */
    static float rewardValue(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RankRequestException("the reward body must be a JSON object {\"value\": number}");
            }
            Float value = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (field.equals("value")) {
                    if (!token.isNumeric()) {
                        throw new RankRequestException("value must be a number");
                    }
                    value = p.getFloatValue();
                } else {
                    p.skipChildren();
                }
            }
            if (value == null) {
                throw new RankRequestException("value is required");
            }
            if (!(value >= -1f && value <= 1f)) {
                throw new RankRequestException("value must be between -1 and 1, not " + value);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new RankRequestException("the reward body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"EventId", "Timestamp", "kind", "value"?}}; {@code value} is null for an activation. */
    static String record(String eventId, String timestamp, String kind, Float value) {
        StringWriter out = new StringWriter(96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("EventId", eventId);
            g.writeStringField("Timestamp", timestamp);
            g.writeStringField("kind", kind);
            if (value != null) {
                g.writeNumberField("value", value);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
