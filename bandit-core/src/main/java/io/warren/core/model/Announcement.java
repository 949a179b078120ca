package io.warren.core.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One record of {@code warren.<loop>.models} (key {@link #key()}): {@code {"version", "path", "sha256",
 * "createdAt", "trainedEvents", "arguments", "origin"}}. The API serves the last record it reads; the
 * TrainJob continues from every record it did not write itself. {@code path} is relative to the
 * {@link ModelStore}. A record without {@code origin} (written before origins existed) was trained.
 *
 * @param version       the version number as text; empty for {@link Origin#RESET}
 * @param trainedEvents events the model learned since it was fresh (0 when unknown, e.g. imported)
 * @param arguments     the policy arguments the model was trained for
 */
public record Announcement(String version, String path, String sha256, Instant createdAt, long trainedEvents,
                           String arguments, Origin origin) {
    private static final JsonFactory JSON = new JsonFactory();

    /** Where a record comes from. */
    public enum Origin {
        /** A version the TrainJob exported. */
        TRAINED("train"),
        /** A model file an admin put ({@code PUT /model}); the trainer continues from it. */
        IMPORTED("import"),
        /** An older version served again; the trainer continues from it. */
        ROLLED_BACK("rollback"),
        /** No model ({@code DELETE /model}): uniform draws, and the trainer starts afresh. */
        RESET("reset");

        private final String wire;

        Origin(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Origin ofWire(String text) {
            for (Origin o : values()) {
                if (o.wire.equals(text)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("unknown origin '" + text + "'");
        }
    }

    /** The record that takes a loop back to no model. */
    public static Announcement reset(Instant at) {
        return new Announcement("", "", "", at, 0, "", Origin.RESET);
    }

    /** The Kafka key: the version, or {@code reset}. */
    public String key() {
        return origin == Origin.RESET ? "reset" : version;
    }

    /** The version as a number, -1 when it is none. */
    public long number() {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** This version announced again at {@code at} with another origin (a rollback). */
    public Announcement again(Origin newOrigin, Instant at) {
        return new Announcement(version, path, sha256, at, trainedEvents, arguments, newOrigin);
    }

    public String toJson() {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.writeStartObject();
            g.writeStringField("version", version);
            g.writeStringField("path", path);
            g.writeStringField("sha256", sha256);
            g.writeStringField("createdAt", createdAt.toString());
            g.writeNumberField("trainedEvents", trainedEvents);
            g.writeStringField("arguments", arguments);
            g.writeStringField("origin", origin.wire());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * Reads a record's value.
     *
     * @throws IllegalArgumentException when it is not an announcement (not a JSON object, a field of the
     *                                  wrong type, an unknown origin, no version or path unless a reset)
     */
    public static Announcement parse(byte[] value) {
        String version = null;
        String path = "";
        String sha256 = "";
        Instant createdAt = Instant.EPOCH;
        long trained = 0;
        String arguments = "";
        Origin origin = Origin.TRAINED;
        try (JsonParser p = JSON.createParser(value)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an announcement is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "version" -> version = t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_STRING
                            ? p.getText() : wrongType(field);
                    case "path" -> path = text(p, t, field);
                    case "sha256" -> sha256 = text(p, t, field);
                    case "createdAt" -> createdAt = Instant.parse(text(p, t, field));
                    case "trainedEvents" -> trained = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : wrongType(field);
                    case "arguments" -> arguments = text(p, t, field);
                    case "origin" -> origin = Origin.ofWire(text(p, t, field));
                    default -> p.skipChildren();
                }
            }
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not an announcement: " + e.getMessage(), e);
        }
        if (origin != Origin.RESET && (version == null || version.isEmpty() || path.isEmpty())) {
            throw new IllegalArgumentException("an announcement needs a version and a path");
        }
        return new Announcement(version == null ? "" : version, path, sha256, createdAt, trained, arguments, origin);
    }

    private static String text(JsonParser p, JsonToken t, String field) throws IOException {
        return t == JsonToken.VALUE_STRING ? p.getText() : wrongType(field);
    }

    private static <T> T wrongType(String field) {
        throw new IllegalArgumentException("the announcement's " + field + " has the wrong type");
    }
}
