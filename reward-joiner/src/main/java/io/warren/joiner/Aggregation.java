package io.warren.joiner;

import java.util.List;
import java.util.Locale;

/** How several rewards for one event (or one slot) become its reward: Personalizer's rewardAggregation. */
public enum Aggregation {
    /** The value of the reward with the earliest timestamp; among equal timestamps the first to arrive. */
    EARLIEST,
    /** The sum of all rewards' values. */
    SUM;

    /**
     * The aggregated value of the rewards among {@code outcomes} that belong to {@code slot} (all rewards
     * when {@code slot} is null); activations never count. Null when there is none.
     */
    Float of(List<Outcome> outcomes, String slot) {
        Outcome earliest = null;
        float sum = 0f;
        int count = 0;
        for (Outcome o : outcomes) {
            if (o.activation || (slot != null && !slot.equals(o.slotId))) {
                continue;
            }
            count++;
            sum += o.value;
            // Strictly earlier only: among equal timestamps the first to arrive wins.
            if (earliest == null || o.timestampMillis < earliest.timestampMillis) {
                earliest = o;
            }
        }
        if (count == 0) {
            return null;
        }
        return this == SUM ? sum : earliest.value;
    }

    /** {@code "earliest"} or {@code "sum"}, in any case. */
    static Aggregation parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "earliest" -> EARLIEST;
            case "sum" -> SUM;
            default -> throw new InvalidRecordException("rewardAggregation must be 'earliest' or 'sum', not '"
                    + text + "'");
        };
    }
}
