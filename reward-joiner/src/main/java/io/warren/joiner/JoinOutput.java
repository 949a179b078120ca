package io.warren.joiner;

/**
 * Where {@link EventJoin} sends what it decided: records to emit, counts, and the event-time timers to
 * set or drop. The Flink function maps these onto its collector, side output, counters and timer service; tests
 * record them.
 */
public interface JoinOutput {
    /** A joined event to emit; {@code defaultReward} when at least one slot (or the event) had no reward. */
    void joined(JoinedEvent event, boolean defaultReward);

    /** A reward or activation for the late output. */
    void late(LateReward reward);

    /** A decision was dropped: its event id was already seen. */
    void duplicateDecision(JoinInput decision);

    /** Calls {@link EventJoin#onTimer} for this key once the watermark reaches {@code eventTime}. */
    void timer(long eventTime);

    /** Drops this key's timer at {@code eventTime}, if it is set. */
    void cancelTimer(long eventTime);
}
