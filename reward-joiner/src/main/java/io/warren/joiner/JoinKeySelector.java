package io.warren.joiner;

import org.apache.flink.api.java.functions.KeySelector;

/** Keys the join's input by {@link JoinInput#joinKey() loop + "/" + eventId}: one join per event. */
public final class JoinKeySelector implements KeySelector<JoinInput, String> {
    private static final long serialVersionUID = 1L;

    /** The selector to key the stream of decisions and rewards with. */
    public static final JoinKeySelector INSTANCE = new JoinKeySelector();

    @Override
    public String getKey(JoinInput input) {
        return input.joinKey();
    }
}
