package io.warren.joiner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A reward or activation held in an event's state: what the joined line and the aggregation need. The raw
 * record is kept only while the outcome waits for its decision (it may still go to the late output then).
 * A Flink POJO.
 */
public class Outcome {
    public boolean activation;
    public float value;
    public long timestampMillis;
    /** The reward's {@code slotId}, or null. */
    public String slotId;
    /** The raw record while no decision has come, else null. */
    public String json;

    public Outcome() {}

    /** Reads {@code value} and {@code slotId} of a reward record, or makes an activation. */
    static Outcome of(JoinInput input) {
        Outcome o = new Outcome();
        o.activation = input.kind == JoinInput.Kind.ACTIVATE;
        o.timestampMillis = input.timestampMillis;
        o.json = input.json;
        if (!o.activation) {
            readReward(input, o);
        }
        return o;
    }

    private static void readReward(JoinInput input, Outcome o) {
        boolean hasValue = false;
        try (JsonParser p = JoinInput.JSON.createParser(input.json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("reward is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (field.equals("value") && token.isNumeric()) {
                    o.value = p.getFloatValue();
                    hasValue = true;
                } else if (field.equals("slotId") && token != JsonToken.VALUE_NULL) {
                    o.slotId = RecordFields.text(p, token, "slotId");
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("reward is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!hasValue || !Float.isFinite(o.value)) {
            throw new InvalidRecordException("reward " + input.eventId + " needs a finite numeric value");
        }
    }
}
