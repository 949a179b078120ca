package io.warren.joiner;

import static io.warren.joiner.Records.T0;
import static io.warren.joiner.Records.WAIT;
import static io.warren.joiner.Records.activation;
import static io.warren.joiner.Records.activationOutcome;
import static io.warren.joiner.Records.at;
import static io.warren.joiner.Records.joinedMulti;
import static io.warren.joiner.Records.joinedSingle;
import static io.warren.joiner.Records.late;
import static io.warren.joiner.Records.multiSlotDecision;
import static io.warren.joiner.Records.reward;
import static io.warren.joiner.Records.rewardOutcome;
import static io.warren.joiner.Records.singleSlotDecision;
import static io.warren.joiner.Records.slotOutcome;
import static io.warren.joiner.Records.slotReward;
import static io.warren.joiner.Records.slotRewardOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The join rules on one event, without Flink. */
class EventJoinTest {
    private static final String DECISION = singleSlotDecision("e1", at(0), false);
    private static final long END = T0 + WAIT;
    private static final long RETENTION = EventJoin.DEFAULT_DEDUP_RETENTION.toMillis();
    private static final long EARLY = EventJoin.DEFAULT_EARLY_REWARD_WINDOW.toMillis();

    private final JoinDriver d = new JoinDriver();

    private String onlyJoinedLine() {
        assertThat(d.joined).hasSize(1);
        return d.joined.get(0).json;
    }

    @Test
    void rewardInWindowJoinsAndOneEventGoesOutAtWindowEnd() {
        d.decision(DECISION).reward(reward("e1", at(1_000), 0.5f));
        assertThat(d.timers).containsExactly(END);
        d.watermark(END - 1);
        assertThat(d.joined).isEmpty();
        d.watermark(END);
        assertThat(d.joined).containsExactly(new JoinedEvent("demo", "e1",
                joinedSingle(DECISION, "-0.5", rewardOutcome("e1", "0.5"), false), END));
        assertThat(d.defaulted).containsExactly(false);
        assertThat(d.late).isEmpty();
    }

    @Test
    void earliestAggregationTakesTheEarliestTimestampNotTheFirstArrival() {
        d.decision(DECISION).reward(reward("e1", at(5_000), 0.3f)).reward(reward("e1", at(2_000), 0.7f)).watermark(END);
        assertThat(onlyJoinedLine()).startsWith("{\"_label_cost\":-0.7,")
                .contains("\"o\":[" + rewardOutcome("e1", "0.3") + "," + rewardOutcome("e1", "0.7") + "]");
    }

    @Test
    void earliestAmongEqualTimestampsIsTheFirstToArrive() {
        d.decision(DECISION).reward(reward("e1", at(2_000), 0.3f)).reward(reward("e1", at(2_000), 0.7f)).watermark(END);
        assertThat(onlyJoinedLine()).startsWith("{\"_label_cost\":-0.3,");
    }

    @Test
    void sumAggregationAddsEveryReward() {
        d.settings = new LoopSettings("demo", Duration.ofMinutes(10), 0f, Aggregation.SUM);
        d.decision(DECISION).reward(reward("e1", at(5_000), 0.25f)).reward(reward("e1", at(2_000), 0.5f)).watermark(END);
        assertThat(onlyJoinedLine()).startsWith("{\"_label_cost\":-0.75,");
    }

    @Test
    void eventWithoutRewardGetsTheLoopsDefaultReward() {
        d.settings = new LoopSettings("demo", Duration.ofMinutes(10), 0.25f, Aggregation.EARLIEST);
        d.decision(DECISION).watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedSingle(DECISION, "-0.25", "", false));
        assertThat(d.defaulted).containsExactly(true);
    }

    @Test
    void windowLengthIsTheLoopsRewardWaitWhenTheDecisionArrives() {
        d.settings = new LoopSettings("demo", Duration.ofSeconds(30), 0f, Aggregation.EARLIEST);
        d.decision(DECISION);
        d.settings = LoopSettings.defaults("demo");
        d.watermark(T0 + 30_000);
        assertThat(d.joined).extracting(e -> e.timestampMillis).containsExactly(T0 + 30_000);
    }

    @Test
    void activationIsNotAReward() {
        d.decision(DECISION).reward(activation("e1", at(1_000))).watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedSingle(DECISION, "-0.0", activationOutcome("e1"), false));
        assertThat(d.defaulted).containsExactly(true);
    }

    @Test
    void rewardExactlyAtWindowEndJoins() {
        d.decision(DECISION).reward(reward("e1", at(WAIT), 1f)).watermark(END);
        assertThat(onlyJoinedLine()).startsWith("{\"_label_cost\":-1.0,");
        assertThat(d.late).isEmpty();
    }

    @Test
    void rewardOneMillisecondAfterWindowEndGoesLate() {
        String r = reward("e1", at(WAIT + 1), 1f);
        d.decision(DECISION).reward(r).watermark(END);
        assertThat(d.late).containsExactly(new LateReward("demo", "e1", late(r, "after-window")));
        assertThat(onlyJoinedLine()).isEqualTo(joinedSingle(DECISION, "-0.0", "", false));
    }

    @Test
    void rewardTimestampedBeforeTheDecisionJoins() {
        d.decision(DECISION).reward(reward("e1", at(-5_000), 0.5f)).watermark(END);
        assertThat(onlyJoinedLine()).startsWith("{\"_label_cost\":-0.5,");
    }

    @Test
    void rewardAfterTheEventWentOutGoesLate() {
        String r = reward("e1", at(1_000), 0.5f);
        d.decision(DECISION).watermark(END).reward(r);
        assertThat(d.late).containsExactly(new LateReward("demo", "e1", late(r, "after-window")));
        assertThat(d.joined).hasSize(1);
    }

    @Test
    void earlyRewardJoinsItsDecisionWhenItComesInTime() {
        d.reward(reward("e1", at(-1_000), 0.5f));
        assertThat(d.state.phase).isEqualTo(JoinState.Phase.EARLY);
        d.watermark(T0 - 1_000 + EARLY - 1).decision(DECISION).watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedSingle(DECISION, "-0.5", rewardOutcome("e1", "0.5"), false));
        assertThat(d.late).isEmpty();
    }

    @Test
    void earlyRewardWithoutDecisionGoesLateAfterTheEarlyWindow() {
        String r = reward("e1", at(0), 0.5f);
        d.reward(r).watermark(T0 + EARLY - 1);
        assertThat(d.late).isEmpty();
        d.watermark(T0 + EARLY);
        assertThat(d.late).containsExactly(new LateReward("demo", "e1", late(r, "no-decision")));
        assertThat(d.state).isNull();
        assertThat(d.timers).isEmpty();
    }

    @Test
    void earlyRewardsExpireEachAtItsOwnDeadline() {
        String first = reward("e1", at(0), 0.1f);
        String second = reward("e1", at(60_000), 0.2f);
        d.reward(first).reward(second).watermark(T0 + EARLY);
        assertThat(d.late).extracting(l -> l.json).containsExactly(late(first, "no-decision"));
        d.decision(DECISION).watermark(END);
        assertThat(onlyJoinedLine()).startsWith("{\"_label_cost\":-0.2,");
    }

    @Test
    void earlyRewardTimestampedAfterTheWindowGoesLateWhenItsDecisionComes() {
        d.settings = new LoopSettings("demo", Duration.ofSeconds(10), 0f, Aggregation.EARLIEST);
        String r = reward("e1", at(20_000), 0.5f);
        d.reward(r).decision(DECISION);
        assertThat(d.late).containsExactly(new LateReward("demo", "e1", late(r, "after-window")));
    }

    @Test
    void decisionDropsItsEarlyRewardsDeadlines() {
        d.reward(reward("e1", at(0), 0.5f)).reward(reward("e1", at(60_000), 0.2f));
        assertThat(d.timers).containsExactly(T0 + EARLY, T0 + 60_000 + EARLY);
        d.decision(DECISION);
        assertThat(d.timers).containsExactly(END);
    }

    @Test
    void staleEarlyDeadlineDoesNotEndTheWindow() {
        // State kept before 2026-12-07 still has its early reward's deadline timer after the decision came.
        d.reward(reward("e1", at(0), 0.5f)).decision(DECISION);
        d.timers.add(T0 + EARLY);
        d.watermark(T0 + EARLY);
        assertThat(d.joined).isEmpty();
        assertThat(d.state.phase).isEqualTo(JoinState.Phase.OPEN);
        d.watermark(END);
        assertThat(d.joined).hasSize(1);
    }

    @Test
    void secondDecisionWhileOpenIsDroppedAndReported() {
        d.decision(DECISION).decision(singleSlotDecision("e1", at(10), true)).watermark(END);
        assertThat(d.duplicates).hasSize(1);
        assertThat(onlyJoinedLine()).isEqualTo(joinedSingle(DECISION, "-0.0", "", false));
    }

    @Test
    void secondDecisionWhileTombstoneIsDroppedAndReported() {
        d.decision(DECISION).watermark(END).decision(DECISION).watermark(END + RETENTION - 1);
        assertThat(d.duplicates).hasSize(1);
        assertThat(d.joined).hasSize(1);
    }

    @Test
    void tombstoneAloneIsLeftAfterEmittingAndGoesAfterTheRetention() {
        d.decision(DECISION).reward(reward("e1", at(1), 0.5f)).watermark(END);
        assertThat(d.state.phase).isEqualTo(JoinState.Phase.DONE);
        assertThat(d.state.decision).isNull();
        assertThat(d.state.outcomes).isEmpty();
        assertThat(d.timers).containsExactly(END + RETENTION);
        d.watermark(END + RETENTION - 1);
        assertThat(d.state).isNotNull();
        d.watermark(END + RETENTION);
        assertThat(d.state).isNull();
        assertThat(d.timers).isEmpty();
    }

    @Test
    void deferredDecisionWithoutActivationIsSkippedForLearning() {
        String deferred = singleSlotDecision("e1", at(0), true);
        d.decision(deferred).reward(reward("e1", at(1), 0.5f)).watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedSingle(deferred, "-0.5", rewardOutcome("e1", "0.5"), true));
    }

    @Test
    void deferredDecisionActivatedInTheWindowIsLearned() {
        String deferred = singleSlotDecision("e1", at(0), true);
        d.decision(deferred).reward(activation("e1", at(1))).reward(reward("e1", at(2), 0.5f)).watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedSingle(deferred, "-0.5",
                activationOutcome("e1") + "," + rewardOutcome("e1", "0.5"), false));
    }

    @Test
    void activationAfterTheWindowGoesLateAndDoesNotActivate() {
        String deferred = singleSlotDecision("e1", at(0), true);
        String a = activation("e1", at(WAIT + 1));
        d.decision(deferred).reward(a).watermark(END);
        assertThat(d.late).extracting(l -> l.json).containsExactly(late(a, "after-window"));
        assertThat(onlyJoinedLine()).endsWith(",\"_skipLearn\":true}");
    }

    @Test
    void slotIdOnASingleSlotDecisionIsIgnored() {
        d.decision(DECISION).reward(slotReward("e1", at(1), 0.5f, "anything")).watermark(END);
        assertThat(onlyJoinedLine()).startsWith("{\"_label_cost\":-0.5,");
    }

    @Test
    void multiSlotRewardsAggregatePerSlotAndRewriteTheOutcomes() {
        String multi = multiSlotDecision("e1", at(0), false);
        d.decision(multi).reward(slotReward("e1", at(1), 1f, "slot1")).reward(slotReward("e1", at(2), 0.5f, "slot1"))
                .watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedMulti(multi, null,
                "[" + slotOutcome(1, "-1.0", slotRewardOutcome("e1", "1.0", "slot1") + ","
                        + slotRewardOutcome("e1", "0.5", "slot1")) + "," + slotOutcome(2, "-0.0", "") + "]", false));
        assertThat(d.defaulted).containsExactly(true);
    }

    @Test
    void multiSlotEventWithEverySlotRewardedIsNotADefaultRewardEvent() {
        d.settings = new LoopSettings("demo", Duration.ofMinutes(10), 0f, Aggregation.SUM);
        String multi = multiSlotDecision("e1", at(0), false);
        d.decision(multi).reward(slotReward("e1", at(2), 0.5f, "slot2")).reward(slotReward("e1", at(1), 1f, "slot1"))
                .reward(slotReward("e1", at(3), 0.25f, "slot2")).watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedMulti(multi, null,
                "[" + slotOutcome(1, "-1.0", slotRewardOutcome("e1", "1.0", "slot1")) + "," + slotOutcome(2, "-0.75",
                        slotRewardOutcome("e1", "0.5", "slot2") + "," + slotRewardOutcome("e1", "0.25", "slot2"))
                        + "]", false));
        assertThat(d.defaulted).containsExactly(false);
    }

    @Test
    void multiSlotRewardForAnUnknownSlotOrWithoutSlotGoesLate() {
        String unknown = slotReward("e1", at(1), 1f, "slot9");
        String none = reward("e1", at(2), 1f);
        d.decision(multiSlotDecision("e1", at(0), false)).reward(unknown).reward(none);
        assertThat(d.late).extracting(l -> l.json)
                .containsExactly(late(unknown, "unknown-slot"), late(none, "unknown-slot"));
    }

    @Test
    void earlyRewardForAnUnknownSlotGoesLateWhenItsDecisionComes() {
        String unknown = slotReward("e1", at(-1), 1f, "slot9");
        d.reward(unknown).decision(multiSlotDecision("e1", at(0), false));
        assertThat(d.late).extracting(l -> l.json).containsExactly(late(unknown, "unknown-slot"));
    }

    @Test
    void multiSlotActivationsAreListedAtTheTopAndActivateADeferredDecision() {
        String multi = multiSlotDecision("e1", at(0), true);
        d.decision(multi).reward(activation("e1", at(1))).watermark(END);
        assertThat(onlyJoinedLine()).isEqualTo(joinedMulti(multi, activationOutcome("e1"),
                "[" + slotOutcome(1, "-0.0", "") + "," + slotOutcome(2, "-0.0", "") + "]", false));
    }

    @Test
    void multiSlotDeferredWithoutActivationIsSkippedForLearning() {
        String multi = multiSlotDecision("e1", at(0), true);
        d.decision(multi).watermark(END);
        assertThat(onlyJoinedLine()).endsWith(",\"_skipLearn\":true}");
    }

    @Test
    void decisionWithoutActionsIsRejectedAndLeavesTheStateAlone() {
        d.reward(reward("e1", at(0), 0.5f));
        JoinState before = d.state;
        assertThatThrownBy(() -> d.decision("{\"EventId\":\"e1\",\"Timestamp\":\"" + at(0) + "\",\"a\":[],\"p\":[]}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("non-empty a and p");
        assertThat(d.state).isSameAs(before);
        assertThat(d.state.phase).isEqualTo(JoinState.Phase.EARLY);
    }

    @Test
    void negativeWindowsAreRefused() {
        assertThatThrownBy(() -> new EventJoin(Duration.ofSeconds(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
