package io.warren.joiner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The part of a loop's configuration the join uses: how long a decision waits for rewards, the reward of an
 * event nobody rewarded, and how several rewards combine. Read from the loop's compacted config topic
 * {@code warren.<loop>.config}; a loop without a record there has {@link #defaults(String) the defaults}
 * (PT10M, 0, earliest), as a new Personalizer resource had.
 *
 * <p>A Flink POJO: it travels on the broadcast stream and lives in broadcast state.
 */
public class LoopSettings {
    /** Personalizer's default reward wait. */
    public static final Duration DEFAULT_REWARD_WAIT = Duration.ofMinutes(10);
    /** DESIGN.md: any reward wait of at least one second. */
    public static final Duration MIN_REWARD_WAIT = Duration.ofSeconds(1);

    public String loop;
    public long rewardWaitMillis;
    public float defaultReward;
    public Aggregation aggregation;

    public LoopSettings() {}

    public LoopSettings(String loop, Duration rewardWait, float defaultReward, Aggregation aggregation) {
        if (rewardWait.compareTo(MIN_REWARD_WAIT) < 0) {
            throw new InvalidRecordException("rewardWaitTime must be at least 1 second, not " + rewardWait);
        }
        if (!Float.isFinite(defaultReward)) {
            throw new InvalidRecordException("defaultReward must be a finite number, not " + defaultReward);
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        this.rewardWaitMillis = rewardWait.toMillis();
        this.defaultReward = defaultReward;
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
    }

    /** A loop with no configuration yet: wait PT10M, default reward 0, earliest reward. */
    public static LoopSettings defaults(String loop) {
        return new LoopSettings(loop, DEFAULT_REWARD_WAIT, 0f, Aggregation.EARLIEST);
    }

    /**
     * Reads a config topic value {@code {"loop": ..., "service": {...}, "policy": {...}}}, where
     * {@code service} is Personalizer's ServiceConfiguration JSON. Uses {@code rewardWaitTime} (ISO-8601
     * duration), {@code defaultReward} and {@code rewardAggregation}; a missing one keeps its default;
     * every other field is ignored.
     *
     * @throws InvalidRecordException when the value is not such an object, {@code loop} is missing, or a
     *                                used field has a bad value (the message names it)
     */
    public static LoopSettings fromConfigRecord(String json) {
        String loop = null;
        Duration wait = DEFAULT_REWARD_WAIT;
        float defaultReward = 0f;
        Aggregation aggregation = Aggregation.EARLIEST;
        try (JsonParser p = JoinInput.JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("loop configuration is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                if (field.equals("loop")) {
                    loop = RecordFields.text(p, token, "loop");
                } else if (field.equals("service") && token == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonToken t = p.nextToken();
                        switch (name) {
                            case "rewardWaitTime" -> wait = RecordFields.duration(RecordFields.text(p, t, name), name);
                            case "defaultReward" -> defaultReward = RecordFields.number(p, t, name);
                            case "rewardAggregation" -> aggregation = Aggregation.parse(RecordFields.text(p, t, name));
                            default -> p.skipChildren();
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
        if (loop == null) {
            throw new InvalidRecordException("loop configuration has no 'loop' id");
        }
        return new LoopSettings(loop, wait, defaultReward, aggregation);
    }

    public Duration rewardWait() {
        return Duration.ofMillis(rewardWaitMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoopSettings s && Objects.equals(loop, s.loop) && rewardWaitMillis == s.rewardWaitMillis
                && Float.compare(defaultReward, s.defaultReward) == 0 && aggregation == s.aggregation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(loop, rewardWaitMillis, defaultReward, aggregation);
    }

    @Override
    public String toString() {
        return "LoopSettings{" + loop + ", wait " + rewardWait() + ", default " + defaultReward + ", " + aggregation
                + "}";
    }
}
