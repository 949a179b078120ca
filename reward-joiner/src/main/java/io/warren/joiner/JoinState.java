package io.warren.joiner;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the join keeps for one event (one loop and event id), as Flink keyed state. It moves through
 * three phases; {@link EventJoin} decides the moves, this class only holds the data.
 * <ul>
 *   <li>{@link Phase#EARLY}: rewards came, no decision yet; {@link #outcomes} hold them with their raw JSON.
 *   <li>{@link Phase#OPEN}: the decision came; its window ends at {@link #windowEnd}; {@link #outcomes}
 *       hold the rewards and activations that join it, in arrival order.
 *   <li>{@link Phase#DONE}: the joined event went out; only this tombstone (phase, ids,
 *       {@link #cleanupAt}) is left, so duplicates and late rewards are still recognised until then.
 * </ul>
 * A Flink POJO (no Kryo): public no-arg constructor, public fields, an {@code ArrayList} of POJOs.
 */
public class JoinState {
    /** Where an event is in its life. */
    public enum Phase { EARLY, OPEN, DONE }

    public Phase phase;
    public String loop;
    public String eventId;
    public List<Outcome> outcomes = new ArrayList<>();
    /** OPEN: the decision. */
    public Decision decision;
    /** OPEN and DONE: the last event time a reward may have to join. */
    public long windowEnd;
    /** OPEN: the loop's settings when the decision came. */
    public float defaultReward;
    public Aggregation aggregation;
    /** DONE: when the tombstone goes. */
    public long cleanupAt;

    public JoinState() {}

    static JoinState early(JoinInput first) {
        JoinState s = new JoinState();
        s.phase = Phase.EARLY;
        s.loop = first.loop;
        s.eventId = first.eventId;
        return s;
    }

    void open(Decision d, long windowEnd, LoopSettings settings) {
        phase = Phase.OPEN;
        decision = d;
        this.windowEnd = windowEnd;
        defaultReward = settings.defaultReward;
        aggregation = settings.aggregation;
    }

    /** Whether a timer firing at {@code time} closes this event's window: the moment the join emits it. */
    boolean windowClosesAt(long time) {
        return phase == Phase.OPEN && time >= windowEnd;
    }

    /** Drops all but the tombstone. */
    void done(long cleanupAt) {
        phase = Phase.DONE;
        this.cleanupAt = cleanupAt;
        decision = null;
        outcomes.clear();
        aggregation = null;
    }
}
