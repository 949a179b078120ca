package io.warren.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.Ranker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

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
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    /**
     * A body Jackson could not read. The body is in memory, so every I/O error is the body's: malformed JSON,
     * or bytes Jackson took for another encoding (it guesses UTF-16 and UTF-32 from zero bytes) and could not
     * decode.
     */
    private static RankRequestException notJson(IOException e) {
        String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return new RankRequestException("the reward body is not valid JSON: " + why);
    }

    /** A slot's reward in a multi-slot reward body. */
    record SlotReward(String slotId, float value) {}

    /**
     * The rewards of Personalizer's multi-slot reward body {@code {"reward": [{"slotId", "value"}, ...]}}:
     * at least one, each slot at most once, each value in [-1, 1].
     */
    static List<SlotReward> slotRewards(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RankRequestException("the reward body must be a JSON object {\"reward\": [{\"slotId\", \"value\"}]}");
            }
            List<SlotReward> rewards = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (field.equals("reward")) {
                    if (token != JsonToken.START_ARRAY) {
                        throw new RankRequestException("reward must be an array of {\"slotId\", \"value\"}");
                    }
                    rewards = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        rewards.add(slotReward(p, rewards));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (rewards == null || rewards.isEmpty()) {
                throw new RankRequestException("reward must hold at least one slot's reward");
            }
            return rewards;
        } catch (IOException e) {
            throw notJson(e);
        }
    }

    private static SlotReward slotReward(JsonParser p, List<SlotReward> earlier) throws IOException {
        String name = "reward[" + earlier.size() + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new RankRequestException(name + " must be an object {\"slotId\", \"value\"}");
        }
        String slotId = null;
        Float value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            switch (field) {
                case "slotId" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw new RankRequestException(name + ".slotId must be a string");
                    }
                    slotId = p.getText();
                }
                case "value" -> {
                    if (!token.isNumeric()) {
                        throw new RankRequestException(name + ".value must be a number");
                    }
                    value = p.getFloatValue();
                }
                default -> p.skipChildren();
            }
        }
        if (slotId == null || slotId.isEmpty() || Ranker.hasControlCharacter(slotId)) {
            throw new RankRequestException(name + ".slotId is required: a slot id of the ranked event");
        }
        if (value == null || !(value >= -1f && value <= 1f)) {
            throw new RankRequestException(name + ".value must be a number between -1 and 1");
        }
        for (SlotReward other : earlier) {
            if (other.slotId().equals(slotId)) {
                throw new RankRequestException("slot '" + slotId + "' is rewarded twice in one request");
            }
        }
        return new SlotReward(slotId, value);
    }

    /** {@code {"EventId", "Timestamp", "kind", "value"?}} as UTF-8; {@code value} is null for an activation. */
    static byte[] record(String eventId, String timestamp, String kind, Float value) {
        return record(eventId, timestamp, kind, value, null);
    }

    /** As {@link #record(String, String, String, Float)}, for one slot of a multi-slot event when {@code slotId} is set. */
    static byte[] record(String eventId, String timestamp, String kind, Float value, String slotId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("EventId", eventId);
            g.writeStringField("Timestamp", timestamp);
            g.writeStringField("kind", kind);
            if (value != null) {
                g.writeNumberField("value", value);
            }
            if (slotId != null) {
                g.writeStringField("slotId", slotId);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
