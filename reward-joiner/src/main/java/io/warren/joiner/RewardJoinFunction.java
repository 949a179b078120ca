package io.warren.joiner;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The reward join as a Flink operator: decisions, rewards and activations keyed by
 * {@link JoinKeySelector} (loop and event id), loop settings on the broadcast side. The join itself is
 * {@link EventJoin}'s; this function only loads and stores the event's {@link JoinState}, sets event-time
 * timers and routes what the join emits.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Event time throughout; a record's event time is its {@link JoinInput#timestampMillis}.
 *   <li>A decision at {@code t} waits until {@code t + rewardWaitTime} (the loop's setting when the decision
 *       is processed; before the broadcast has a loop's settings, the {@link SettingsLookup}'s, else
 *       {@link LoopSettings#defaults}). Rewards and activations
 *       timestamped at or before that end join it. When the watermark reaches the end, one
 *       {@link JoinedEvent} goes to the main output, with that end as its timestamp and the reward
 *       aggregated as the loop says ({@code earliest} or {@code sum}), or the loop's {@code defaultReward}
 *       when none came; per slot for multi-slot decisions.
 *   <li>Rewards before their decision wait for it up to the early-reward window from their timestamp.
 *   <li>Rewards and activations not joined go to the {@link #LATE} side output, with {@code _lateReason}
 *       {@code after-window}, {@code no-decision} or {@code unknown-slot}; never lost, never joined.
 *   <li>A deferred decision that saw no activation in its window is emitted with {@code "_skipLearn":true}.
 *   <li>A decision whose event id has state already (pending or tombstone) is dropped.
 *   <li>State: after emitting, a tombstone stays until window end + dedup retention, then nothing is left
 *       for the key (no state, no timer).
 * </ul>
 *
 * <h2>Counters</h2>
 * {@value #JOINED_EVENTS}, {@value #DEFAULT_REWARD_EVENTS} (joined events where the event or a slot had no
 * reward), {@value #LATE_REWARDS} (records sent to the late output), {@value #DUPLICATE_DECISIONS},
 * {@value #INVALID_RECORDS} (decisions or rewards without what the join needs, dropped).
 *
 * <h2>Watermarks</h2>
 * The operator's watermark is the minimum of both inputs' except idle ones, so the settings stream must not
 * hold it back: mark it idle (a {@code Long.MAX_VALUE} watermark would end the join's time whenever the
 * events go idle). Settings take effect for decisions processed after them.
 */
public class RewardJoinFunction extends KeyedBroadcastProcessFunction<String, JoinInput, LoopSettings, JoinedEvent> {
    private static final long serialVersionUID = 1L;

    public static final String JOINED_EVENTS = "joinedEvents";
    public static final String DEFAULT_REWARD_EVENTS = "defaultRewardEvents";
    public static final String LATE_REWARDS = "lateRewards";
    public static final String DUPLICATE_DECISIONS = "duplicateDecisions";
    public static final String INVALID_RECORDS = "invalidRecords";

    /** Rewards and activations that did not join, for {@code warren.<loop>.late}. */
    public static final OutputTag<LateReward> LATE = new OutputTag<>("late-rewards", TypeInformation.of(LateReward.class));

    /** Broadcast state: each loop's settings, by loop id. */
    public static final MapStateDescriptor<String, LoopSettings> SETTINGS =
            new MapStateDescriptor<>("loop-settings", Types.STRING, TypeInformation.of(LoopSettings.class));

    static final ValueStateDescriptor<JoinState> STATE =
            new ValueStateDescriptor<>("event", TypeInformation.of(JoinState.class));
    /**
     * Where state written by Warren before 2026-12-02 keeps an open event's decision text (UTF-8): read and
     * cleared when such an event's window closes. Newer state keeps the text inside the event state
     * ({@link Decision#utf8}): the window's close, which finds the event long written and so out of
     * RocksDB's memtables, then costs one lookup instead of two, which outweighs rewards rewriting the text.
     */
    static final ValueStateDescriptor<byte[]> TEXT =
            new ValueStateDescriptor<>("decision-text", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

    private final EventJoin join;

    private transient ValueState<JoinState> state;
    private transient ValueState<byte[]> text;
    private transient Emitter emitter;
    transient Counter joinedEvents;
    transient Counter defaultRewardEvents;
    transient Counter lateRewards;
    transient Counter duplicateDecisions;
    transient Counter invalidRecords;

    /**
     * Where a loop's settings come from before the broadcast stream has brought them (a job that starts on a
     * backlog reads decisions and settings side by side): read once per loop and subtask; null for none.
     */
    public interface SettingsLookup extends Serializable {
        LoopSettings latest(String loop);
    }

    private final SettingsLookup lookup;
    private transient Map<String, LoopSettings> lookedUp;

    /** Early-reward window 2 minutes, dedup retention 10 minutes, no lookup (defaults until the broadcast). */
    public RewardJoinFunction() {
        this(EventJoin.DEFAULT_EARLY_REWARD_WINDOW, EventJoin.DEFAULT_DEDUP_RETENTION, loop -> null);
    }

    /** See {@link EventJoin#EventJoin(Duration, Duration)}. */
    public RewardJoinFunction(Duration earlyRewardWindow, Duration dedupRetention, SettingsLookup lookup) {
        this.join = new EventJoin(earlyRewardWindow, dedupRetention);
        this.lookup = lookup;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(STATE);
        text = getRuntimeContext().getState(TEXT);
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        joinedEvents = metrics.counter(JOINED_EVENTS);
        defaultRewardEvents = metrics.counter(DEFAULT_REWARD_EVENTS);
        lateRewards = metrics.counter(LATE_REWARDS);
        duplicateDecisions = metrics.counter(DUPLICATE_DECISIONS);
        invalidRecords = metrics.counter(INVALID_RECORDS);
        emitter = new Emitter();
    }

    @Override
    public void processElement(JoinInput input, ReadOnlyContext ctx, Collector<JoinedEvent> out) throws Exception {
        emitter.bind(ctx, out);
        JoinState before = state.value();
        JoinState after;
        try {
            after = switch (input.kind) {
                case DECISION -> join.onDecision(before, input, settings(ctx, input.loop), emitter);
                case REWARD, ACTIVATE -> join.onReward(before, input, emitter);
            };
        } catch (InvalidRecordException e) {
            invalidRecords.inc();
            return;
        }
        store(after);
    }

    @Override
    public void processBroadcastElement(LoopSettings settings, Context ctx, Collector<JoinedEvent> out)
            throws Exception {
        ctx.getBroadcastState(SETTINGS).put(settings.loop, settings);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<JoinedEvent> out) throws Exception {
        emitter.bind(ctx, out);
        JoinState s = state.value();
        // Only the window's close emits the event, and only that needs the decision's text.
        boolean emits = s != null && s.windowClosesAt(timestamp);
        boolean textApart = emits && s.decision.json == null && s.decision.utf8 == null;
        if (emits && s.decision.json == null) {
            s.decision.json = new String(textApart ? text.value() : s.decision.utf8, StandardCharsets.UTF_8);
            s.decision.utf8 = null;
        }
        JoinState after = join.onTimer(s, timestamp, emitter);
        if (textApart) {
            text.clear();
        }
        // A timer that changes nothing (an early reward's deadline in state from before such timers were
        // dropped when the decision comes) is not written back: that would only rewrite the decision's text.
        boolean unchanged = after == s && !emits && (s == null || s.phase != JoinState.Phase.EARLY);
        if (!unchanged) {
            store(after);
        }
    }

    private LoopSettings settings(ReadOnlyContext ctx, String loop) throws Exception {
        LoopSettings s = ctx.getBroadcastState(SETTINGS).get(loop);
        if (s != null) {
            return s;
        }
        if (lookedUp == null) {
            lookedUp = new HashMap<>();
        }
        LoopSettings found = lookedUp.computeIfAbsent(loop, l -> {
            LoopSettings latest = lookup.latest(l);
            return latest != null ? latest : LoopSettings.defaults(l);
        });
        return found;
    }

    private void store(JoinState after) throws Exception {
        if (after == null) {
            state.clear();
            return;
        }
        if (after.phase == JoinState.Phase.OPEN && after.decision.json != null) {
            after.decision.utf8 = after.decision.json.getBytes(StandardCharsets.UTF_8);
            after.decision.json = null;
        }
        // Always written back: with RocksDB, changes to the object alone are not kept.
        state.update(after);
    }

    /** Routes the join's output to the current element's or timer's context; one instance, rebound per call. */
    private final class Emitter implements JoinOutput {
        private ReadOnlyContext ctx;
        private Collector<JoinedEvent> out;

        void bind(ReadOnlyContext ctx, Collector<JoinedEvent> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void joined(JoinedEvent event, boolean defaultReward) {
            out.collect(event);
            joinedEvents.inc();
            if (defaultReward) {
                defaultRewardEvents.inc();
            }
        }

        @Override
        public void late(LateReward reward) {
            ctx.output(LATE, reward);
            lateRewards.inc();
        }

        @Override
        public void duplicateDecision(JoinInput decision) {
            duplicateDecisions.inc();
        }

        @Override
        public void timer(long eventTime) {
            ctx.timerService().registerEventTimeTimer(eventTime);
        }

        @Override
        public void cancelTimer(long eventTime) {
            ctx.timerService().deleteEventTimeTimer(eventTime);
        }
    }
}
