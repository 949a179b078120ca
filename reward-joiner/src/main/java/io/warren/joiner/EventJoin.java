package io.warren.joiner;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The join of one event's decision with its rewards and activations, in event time, as plain Java: each
 * method takes the event's state (null when it has none), reports what to emit and which timer to set to
 * a {@link JoinOutput}, and returns the state to keep (null: none). The rules (docs/join.md):
 * <ul>
 *   <li>A decision opens the window {@code [t, t + rewardWaitTime]} with the loop's settings as the
 *       decision arrives; rewards and activations with a timestamp up to the window end join it, even
 *       ones timestamped before the decision. At the window end (the timer fires when the watermark
 *       reaches it) exactly one joined event goes out, with the aggregated reward ({@link Aggregation}) or
 *       the loop's default reward when none came. Multi-slot decisions aggregate per slot.
 *   <li>Rewards that come before their decision wait up to the early-reward window from their own
 *       timestamp; then they go to the late output as {@link LateReason#NO_DECISION}.
 *   <li>Rewards timestamped after the window end, or arriving after the joined event went out, go to the
 *       late output as {@link LateReason#AFTER_WINDOW}; on a multi-slot decision a reward without a
 *       known slot id goes there as {@link LateReason#UNKNOWN_SLOT}. Late activations go there too.
 *   <li>A decision with {@code DeferredAction: true} that saw no activation in its window is emitted with
 *       {@code "_skipLearn": true}.
 *   <li>A second decision for an event id that has state (open or tombstone) is dropped and reported.
 *   <li>After emitting, only a tombstone is kept until {@code windowEnd + dedupRetention}; then the
 *       event has no state at all.
 * </ul>
 * An early reward's deadline timer is dropped when its decision comes; a timer that still fires in a phase
 * it does not belong to (one set by state restored from before 2026-12-07) changes nothing.
 */
public final class EventJoin implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_EARLY_REWARD_WINDOW = Duration.ofMinutes(2);
    public static final Duration DEFAULT_DEDUP_RETENTION = Duration.ofMinutes(10);

    private final long earlyRewardMillis;
    private final long dedupRetentionMillis;

    /**
     * @param earlyRewardWindow how long (event time, from its timestamp) a reward waits for its decision
     * @param dedupRetention    how long after the window end the tombstone recognises duplicates and late
     *                          rewards
     */
    public EventJoin(Duration earlyRewardWindow, Duration dedupRetention) {
        if (earlyRewardWindow.isNegative() || dedupRetention.isNegative()) {
            throw new IllegalArgumentException("early-reward window and dedup retention must not be negative");
        }
        this.earlyRewardMillis = earlyRewardWindow.toMillis();
        this.dedupRetentionMillis = dedupRetention.toMillis();
    }

    /**
     * @throws InvalidRecordException when the decision lacks what the joined line needs (the state is then
     *                                unchanged)
     */
    public JoinState onDecision(JoinState state, JoinInput decision, LoopSettings settings, JoinOutput out) {
        if (state != null && state.phase != JoinState.Phase.EARLY) {
            out.duplicateDecision(decision);
            return state;
        }
        Decision d = Decision.parse(decision.json);
        JoinState s = state != null ? state : JoinState.early(decision);
        s.open(d, decision.timestampMillis + settings.rewardWaitMillis, settings);
        List<Outcome> early = s.outcomes;
        s.outcomes = new ArrayList<>(early.size() + 1);
        for (Outcome o : early) {
            // The early reward's deadline no longer applies: dropping its timer costs less than firing it.
            out.cancelTimer(o.timestampMillis + earlyRewardMillis);
            accept(s, o, out);
        }
        out.timer(s.windowEnd);
        return s;
    }

    /** A reward or an activation. @throws InvalidRecordException for a reward without a numeric value */
    public JoinState onReward(JoinState state, JoinInput reward, JoinOutput out) {
        Outcome o = Outcome.of(reward);
        if (state == null) {
            state = JoinState.early(reward);
        }
        switch (state.phase) {
            case EARLY -> {
                state.outcomes.add(o);
                out.timer(o.timestampMillis + earlyRewardMillis);
            }
            case OPEN -> accept(state, o, out);
            case DONE -> late(state, o, LateReason.AFTER_WINDOW, out);
        }
        return state;
    }

    /** The event-time timer at {@code time} fired. */
    public JoinState onTimer(JoinState state, long time, JoinOutput out) {
        if (state == null) {
            return null;
        }
        return switch (state.phase) {
            case EARLY -> expireEarly(state, time, out);
            case OPEN -> {
                if (!state.windowClosesAt(time)) {
                    yield state;
                }
                emit(state, out);
                state.done(state.windowEnd + dedupRetentionMillis);
                out.timer(state.cleanupAt);
                yield state;
            }
            case DONE -> time >= state.cleanupAt ? null : state;
        };
    }

    /** An outcome for an open decision: joins it, or goes late. */
    private static void accept(JoinState s, Outcome o, JoinOutput out) {
        if (o.timestampMillis > s.windowEnd) {
            late(s, o, LateReason.AFTER_WINDOW, out);
        } else if (!o.activation && s.decision.multiSlot() && s.decision.slotIndex(o.slotId) < 0) {
            late(s, o, LateReason.UNKNOWN_SLOT, out);
        } else {
            o.json = null;
            s.outcomes.add(o);
        }
    }

    private JoinState expireEarly(JoinState s, long time, JoinOutput out) {
        List<Outcome> waiting = new ArrayList<>(s.outcomes.size());
        for (Outcome o : s.outcomes) {
            if (o.timestampMillis + earlyRewardMillis <= time) {
                late(s, o, LateReason.NO_DECISION, out);
            } else {
                waiting.add(o);
            }
        }
        s.outcomes = waiting;
        return waiting.isEmpty() ? null : s;
    }

    private static void emit(JoinState s, JoinOutput out) {
        Decision d = s.decision;
        float[] rewards = new float[d.multiSlot() ? d.slotIds.length : 1];
        boolean defaulted = false;
        for (int i = 0; i < rewards.length; i++) {
            Float r = s.aggregation.of(s.outcomes, d.multiSlot() ? d.slotIds[i] : null);
            defaulted |= r == null;
            rewards[i] = r == null ? s.defaultReward : r;
        }
        boolean skipLearn = d.deferred && s.outcomes.stream().noneMatch(o -> o.activation);
        String line = JoinedLine.write(s, rewards, skipLearn);
        out.joined(new JoinedEvent(s.loop, s.eventId, line, s.windowEnd), defaulted);
    }

    private static void late(JoinState s, Outcome o, LateReason reason, JoinOutput out) {
        out.late(new LateReward(s.loop, s.eventId, reason.mark(o.json)));
    }
}
