package io.warren.joiner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Drives {@link EventJoin} for one event as Flink would: keeps its state, records what it emits, and
 * fires the registered timers in order when the watermark passes them.
 */
final class JoinDriver implements JoinOutput {
    final EventJoin join;
    JoinState state;
    final List<JoinedEvent> joined = new ArrayList<>();
    final List<Boolean> defaulted = new ArrayList<>();
    final List<LateReward> late = new ArrayList<>();
    final List<JoinInput> duplicates = new ArrayList<>();
    final TreeSet<Long> timers = new TreeSet<>();
    LoopSettings settings = LoopSettings.defaults(Records.LOOP);

    JoinDriver() {
        this(EventJoin.DEFAULT_EARLY_REWARD_WINDOW, EventJoin.DEFAULT_DEDUP_RETENTION);
    }

    JoinDriver(Duration early, Duration retention) {
        join = new EventJoin(early, retention);
    }

    JoinDriver decision(String json) {
        state = join.onDecision(state, Records.decision(json), settings, this);
        return this;
    }

    JoinDriver reward(String json) {
        state = join.onReward(state, Records.rewardInput(json), this);
        return this;
    }

    /** Fires, in order, every timer at or before {@code time}, also those set while firing. */
    JoinDriver watermark(long time) {
        while (!timers.isEmpty() && timers.first() <= time) {
            state = join.onTimer(state, timers.pollFirst(), this);
        }
        return this;
    }

    @Override
    public void joined(JoinedEvent event, boolean defaultReward) {
        joined.add(event);
        defaulted.add(defaultReward);
    }

    @Override
    public void late(LateReward reward) {
        late.add(reward);
    }

    @Override
    public void duplicateDecision(JoinInput decision) {
        duplicates.add(decision);
    }

    @Override
    public void timer(long eventTime) {
        timers.add(eventTime);
    }

    @Override
    public void cancelTimer(long eventTime) {
        timers.remove(eventTime);
    }
}
