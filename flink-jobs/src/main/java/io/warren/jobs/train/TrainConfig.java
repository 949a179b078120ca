package io.warren.jobs.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.warren.core.driver.VwOptions;
import io.warren.joiner.InvalidRecordException;
import io.warren.joiner.RecordFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * What the TrainJob takes from a loop's configuration record ({@code warren.<loop>.config}, value
 * {@code {"loop", "service": <Personalizer ServiceConfiguration>, "policy": {"name", "arguments"}}}): the
 * learning mode, how often to export, how many days to retrain from, the policy's VW arguments, and the
 * reward settings the joined events were made with. A field that is missing keeps its default
 * ({@link #defaults}); other fields are ignored.
 *
 * <p>A Flink POJO: it travels on the broadcast stream, lives in broadcast state and in checkpoints.
 */
public class TrainConfig {
    /** DESIGN.md's default learning policy. */
    public static final String DEFAULT_ARGUMENTS = "--cb_explore_adf --epsilon 0.2 --power_t 0 -l 0.001 --cb_type mtr -q ::";
    public static final String ONLINE = "Online";
    public static final String APPRENTICE = "Apprentice";
    public static final String LOGGING_ONLY = "LoggingOnly";
    /** The shortest export interval the API accepts. */
    public static final long MIN_EXPORT_MILLIS = 100;
    private static final JsonFactory JSON = new JsonFactory();

    public String loop;
    /** The config record's offset in its partition, -1 for the defaults: a newer record has a larger one. */
    public long offset = -1;
    public String learningMode = ONLINE;
    public long exportMillis = 1000;
    public int retrainDays = 4;
    /** The policy's VW arguments, whitespace collapsed. */
    public String arguments = DEFAULT_ARGUMENTS;
    public long rewardWaitMillis = Duration.ofMinutes(10).toMillis();
    public float defaultReward;
    public String rewardAggregation = "earliest";

    public TrainConfig() {}

    /** A loop without a config record: Online, export every second, retrain from 4 days, the default policy. */
    public static TrainConfig defaults(String loop) {
        TrainConfig c = new TrainConfig();
        c.loop = Objects.requireNonNull(loop, "loop");
        return c;
    }

    /** Whether the loop's model is trained: Online and Apprentice loops are, LoggingOnly ones are not. */
    public boolean trains() {
        return !LOGGING_ONLY.equals(learningMode);
    }

    /**
     * Whether a model trained under this configuration must be thrown away under {@code next}: other policy
     * arguments, or other reward settings (the joined events' costs mean something else). Learning mode and
     * export frequency changes keep the model.
     */
    public boolean modelDiffersUnder(TrainConfig next) {
        return !arguments.equals(next.arguments) || rewardWaitMillis != next.rewardWaitMillis
                || Float.compare(defaultReward, next.defaultReward) != 0
                || !rewardAggregation.equals(next.rewardAggregation);
    }

    /**
     * Reads a config topic value.
     *
     * @param offset the record's offset (which of two records of a loop is newer)
     * @throws InvalidRecordException when the value is not such an object, has no {@code loop}, or a used
     *                                field has a bad value (the message names it)
     */
    public static TrainConfig fromConfigRecord(String json, long offset) {
        TrainConfig c = new TrainConfig();
        c.offset = offset;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("loop configuration is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (field.equals("loop")) {
                    c.loop = RecordFields.text(p, token, "loop");
                } else if (field.equals("service") && token == JsonToken.START_OBJECT) {
                    service(p, c);
                } else if (field.equals("policy") && token == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken t = p.nextToken();
                        if (name.equals("arguments")) {
                            c.arguments = arguments(RecordFields.text(p, t, "policy.arguments"));
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("loop configuration is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (c.loop == null) {
            throw new InvalidRecordException("loop configuration has no 'loop' id");
        }
        return c;
    }

    private static void service(JsonParser p, TrainConfig c) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "learningMode" -> c.learningMode = mode(RecordFields.text(p, t, name));
                case "modelExportFrequency" ->
                        c.exportMillis = Math.max(MIN_EXPORT_MILLIS,
                                RecordFields.duration(RecordFields.text(p, t, name), name).toMillis());
                case "modelRetrainDays" -> {
                    if (t != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 0) {
                        throw new InvalidRecordException("modelRetrainDays must be a whole number of days, at least 0");
                    }
                    c.retrainDays = p.getIntValue();
                }
                case "rewardWaitTime" ->
                        c.rewardWaitMillis = RecordFields.duration(RecordFields.text(p, t, name), name).toMillis();
                case "defaultReward" -> c.defaultReward = RecordFields.number(p, t, name);
                case "rewardAggregation" -> c.rewardAggregation = RecordFields.text(p, t, name).toLowerCase(Locale.ROOT);
                default -> p.skipChildren();
            }
        }
    }

    private static String mode(String text) {
        for (String m : new String[] {ONLINE, APPRENTICE, LOGGING_ONLY}) {
            if (m.equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new InvalidRecordException("learningMode must be Online, Apprentice or LoggingOnly, not '" + text + "'");
    }

    /** Collapses whitespace and checks that the learner's option parser takes the arguments. */
    static String arguments(String text) {
        String collapsed = String.join(" ", text.trim().split("\\s+"));
        if (collapsed.isEmpty()) {
            throw new InvalidRecordException("policy.arguments is empty");
        }
        try {
            VwOptions.parse(Arrays.asList(collapsed.split(" ")));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException("policy.arguments: " + e.getMessage(), e);
        }
        return collapsed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainConfig c && Objects.equals(loop, c.loop) && offset == c.offset
                && Objects.equals(learningMode, c.learningMode) && exportMillis == c.exportMillis
                && retrainDays == c.retrainDays && Objects.equals(arguments, c.arguments)
                && rewardWaitMillis == c.rewardWaitMillis && Float.compare(defaultReward, c.defaultReward) == 0
                && Objects.equals(rewardAggregation, c.rewardAggregation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loop, offset, learningMode, exportMillis, retrainDays, arguments);
    }

    @Override
    public String toString() {
        return "TrainConfig{" + loop + "@" + offset + ", " + learningMode + ", export " + exportMillis + " ms, retrain "
                + retrainDays + " d, '" + arguments + "', wait " + rewardWaitMillis + " ms, default " + defaultReward
                + ", " + rewardAggregation + "}";
    }
}
