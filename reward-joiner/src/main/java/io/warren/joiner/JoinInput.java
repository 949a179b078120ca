package io.warren.joiner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record of a loop's decisions or rewards topic, as the join sees it: which loop and event it belongs
 * to, what it is, its event time and its raw JSON value (kept unchanged for the joined or late output).
 *
 * <p>A Flink POJO (public no-arg constructor, public mutable fields) so its state and network
 * serialization never falls back to Kryo.
 */
public class JoinInput {
    /** What a record is. */
    public enum Kind {
        /** A rank decision from {@code warren.<loop>.decisions}. */
        DECISION,
        /** A reward ({@code "kind":"reward"}) from {@code warren.<loop>.rewards}. */
        REWARD,
        /** An activation ({@code "kind":"activate"}) from {@code warren.<loop>.rewards}. */
        ACTIVATE
    }

    private static final Pattern TOPIC = Pattern.compile("warren\\.([a-z0-9-]{1,63})\\.(decisions|rewards)");
    static final JsonFactory JSON = new JsonFactory();

    public String loop;
    public String eventId;
    public Kind kind;
    /** Event time: the record's {@code Timestamp}, epoch milliseconds (UTC). */
    public long timestampMillis;
    /** The record's value, unchanged. */
    public String json;

    public JoinInput() {}

    public JoinInput(String loop, String eventId, Kind kind, long timestampMillis, String json) {
        this.loop = loop;
        this.eventId = eventId;
        this.kind = kind;
        this.timestampMillis = timestampMillis;
        this.json = json;
    }

    /**
     * Reads a Kafka record: the loop from the topic name ({@code warren.<loop>.decisions} or
     * {@code warren.<loop>.rewards}), the event id from the value's {@code EventId} (or the key when the
     * value has none), the kind from the topic and the value's {@code kind}, the event time from its
     * {@code Timestamp}. A reward must carry a numeric {@code value}.
     *
     * @param key the record key (the event id), may be null
     * @throws InvalidRecordException when the topic is not a decisions or rewards topic, the value is not
     *                                a JSON object of that topic's shape, or key and {@code EventId} differ
     */
    public static JoinInput of(String topic, String key, String value) {
        Matcher m = topic == null ? null : TOPIC.matcher(topic);
        if (m == null || !m.matches()) {
            throw new InvalidRecordException("topic '" + topic
                    + "' is not warren.<loop>.decisions or warren.<loop>.rewards (loop ids are [a-z0-9-]{1,63})");
        }
        if (value == null) {
            throw new InvalidRecordException("record without a value on " + topic + " (key " + key + ")");
        }
        boolean decision = m.group(2).equals("decisions");
        Header h = readHeader(value, decision);
        String eventId = h.eventId != null ? h.eventId : key;
        if (eventId == null || eventId.isEmpty()) {
            throw new InvalidRecordException("EventId is required (" + topic + ")");
        }
        if (key != null && !key.equals(eventId)) {
            throw new InvalidRecordException("record key '" + key + "' differs from EventId '" + eventId + "'");
        }
        Kind kind;
        if (decision) {
            kind = Kind.DECISION;
        } else if ("reward".equals(h.kind)) {
            if (!h.hasValue) {
                throw new InvalidRecordException("reward " + eventId + " has no numeric value");
            }
            kind = Kind.REWARD;
        } else if ("activate".equals(h.kind)) {
            kind = Kind.ACTIVATE;
        } else {
            throw new InvalidRecordException("kind must be 'reward' or 'activate', not '" + h.kind + "' (event "
                    + eventId + ")");
        }
        return new JoinInput(m.group(1), eventId, kind, EventTimes.parseMillis(h.timestamp), value);
    }

    /** The key the join is partitioned by: {@code loop + "/" + eventId}. */
    public String joinKey() {
        return loop + "/" + eventId;
    }

    private static final class Header {
        String eventId;
        String timestamp;
        String kind;
        boolean hasValue;
    }

    private static Header readHeader(String value, boolean decision) {
        Header h = new Header();
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("record value is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "EventId" -> h.eventId = RecordFields.text(p, token, field);
                    case "Timestamp" -> h.timestamp = RecordFields.text(p, token, field);
                    case "kind" -> h.kind = RecordFields.text(p, token, field);
                    case "value" -> h.hasValue = token.isNumeric();
                    default -> p.skipChildren();
                }
                // A decision can be kilobytes of context: its header fields come first, so stop there.
                if (decision && h.eventId != null && h.timestamp != null) {
                    break;
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("record value is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return h;
    }

    @Override
    public String toString() {
        return kind + " " + joinKey() + " @" + timestampMillis;
    }
}
