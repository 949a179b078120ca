package io.warren.joiner;

import java.util.Objects;

/**
 * A decision with its outcome: one learnable DSJSON line for {@code warren.<loop>.joined}. Its event time
 * is the end of the decision's reward window. A Flink POJO.
 */
public class JoinedEvent {
    public String loop;
    public String eventId;
    /** The joined DSJSON line (docs/join.md). */
    public String json;
    /** The decision's window end, epoch milliseconds. */
    public long timestampMillis;

    public JoinedEvent() {}

    public JoinedEvent(String loop, String eventId, String json, long timestampMillis) {
        this.loop = loop;
        this.eventId = eventId;
        this.json = json;
        this.timestampMillis = timestampMillis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JoinedEvent e && Objects.equals(loop, e.loop) && Objects.equals(eventId, e.eventId)
                && Objects.equals(json, e.json) && timestampMillis == e.timestampMillis;
    }

    @Override
    public int hashCode() {
        return Objects.hash(loop, eventId, json, timestampMillis);
    }

    @Override
    public String toString() {
        return "JoinedEvent{" + loop + "/" + eventId + " @" + timestampMillis + " " + json + "}";
    }
}
