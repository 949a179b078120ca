package io.warren.joiner;

import java.util.Objects;

/**
 * A reward or activation the join did not use, for {@code warren.<loop>.late}: its record JSON with an
 * added {@code "_lateReason"} ({@link LateReason}). Kept, never learned from. A Flink POJO.
 */
public class LateReward {
    public String loop;
    public String eventId;
    public String json;

    public LateReward() {}

    public LateReward(String loop, String eventId, String json) {
        this.loop = loop;
        this.eventId = eventId;
        this.json = json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LateReward r && Objects.equals(loop, r.loop) && Objects.equals(eventId, r.eventId)
                && Objects.equals(json, r.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loop, eventId, json);
    }

    @Override
    public String toString() {
        return "LateReward{" + loop + "/" + eventId + " " + json + "}";
    }
}
