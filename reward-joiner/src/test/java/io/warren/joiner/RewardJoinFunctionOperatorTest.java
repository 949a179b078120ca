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

import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Flink operator around {@link EventJoin}: time, output, counters, snapshot/restore and cleanup. */
class RewardJoinFunctionOperatorTest {
    private static final long END = T0 + WAIT;
    private static final long RETENTION = EventJoin.DEFAULT_DEDUP_RETENTION.toMillis();
    private static final long EARLY = EventJoin.DEFAULT_EARLY_REWARD_WINDOW.toMillis();
    private static final String D1 = singleSlotDecision("e1", at(0), false);
    private static final String D2 = singleSlotDecision("e2", at(1_000), false);

    private JoinScenario s;

    @AfterEach
    void close() throws Exception {
        if (s != null) {
            s.close();
        }
    }

    private static StreamRecord<JoinedEvent> joined(String eventId, String json, long windowEnd) {
        return new StreamRecord<>(new JoinedEvent("demo", eventId, json, windowEnd), windowEnd);
    }

    /** The line's {@code _label_cost} text, as in "-0.5". */
    private static String cost(JoinedEvent e) {
        String key = "\"_label_cost\":";
        int from = e.json.indexOf(key) + key.length();
        return e.json.substring(from, e.json.indexOf(',', from));
    }

    private void assertNoStateLeftAfterRetention(long lastWindowEnd) throws Exception {
        s.watermark(lastWindowEnd + RETENTION);
        assertThat(s.stateEntries()).isZero();
        assertThat(s.timers()).isZero();
    }

    @Test
    void inOrderEventsJoinAndGoOutAtTheirWindowEnds() throws Exception {
        s = JoinScenario.start().decision(D1).decision(D2).reward(reward("e1", at(500), 0.5f))
                .reward(reward("e2", at(2_000), 1f)).watermark(END - 1);
        assertThat(s.joined()).isEmpty();
        s.watermark(END + 1_000);
        assertThat(s.joined()).containsExactly(
                joined("e1", joinedSingle(D1, "-0.5", rewardOutcome("e1", "0.5"), false), END),
                joined("e2", joinedSingle(D2, "-1.0", rewardOutcome("e2", "1.0"), false), END + 1_000));
        assertThat(s.late()).isEmpty();
        assertThat(s.function().joinedEvents.getCount()).isEqualTo(2);
        assertThat(s.function().defaultRewardEvents.getCount()).isZero();
        assertNoStateLeftAfterRetention(END + 1_000);
    }

    @Test
    void earlyRewardJoinsItsDecisionInBothArrivalOrders() throws Exception {
        String r = reward("e1", at(300), 0.5f);
        String expected = joinedSingle(D1, "-0.5", rewardOutcome("e1", "0.5"), false);
        s = JoinScenario.start().reward(r).watermark(T0).decision(D1);
        assertThat(s.timers()).as("the reward's early deadline dropped, the window's end set").isEqualTo(1);
        s.watermark(END);
        assertThat(s.joined()).containsExactly(joined("e1", expected, END));
        assertNoStateLeftAfterRetention(END);
        s.close();
        s = JoinScenario.start().decision(D1).reward(r).watermark(END);
        assertThat(s.joined()).containsExactly(joined("e1", expected, END));
        assertNoStateLeftAfterRetention(END);
    }

    @Test
    void rewardWithoutDecisionGoesLateAfterTheEarlyWindow() throws Exception {
        String r = reward("e9", at(0), 0.5f);
        s = JoinScenario.start().reward(r).watermark(T0 + EARLY - 1);
        assertThat(s.late()).isEmpty();
        s.watermark(T0 + EARLY);
        assertThat(s.late()).containsExactly(new LateReward("demo", "e9", late(r, "no-decision")));
        assertThat(s.function().lateRewards.getCount()).isEqualTo(1);
        assertThat(s.stateEntries()).isZero();
        assertThat(s.timers()).isZero();
    }

    @Test
    void rewardAfterTheWindowAndAfterEmissionGoLate() throws Exception {
        String afterWindow = reward("e1", at(WAIT + 1), 1f);
        String afterEmission = reward("e1", at(1_000), 1f);
        s = JoinScenario.start().decision(D1).reward(afterWindow).watermark(END).reward(afterEmission);
        assertThat(s.joined()).containsExactly(joined("e1", joinedSingle(D1, "-0.0", "", false), END));
        assertThat(s.late()).containsExactly(new LateReward("demo", "e1", late(afterWindow, "after-window")),
                new LateReward("demo", "e1", late(afterEmission, "after-window")));
        assertThat(s.function().lateRewards.getCount()).isEqualTo(2);
        assertNoStateLeftAfterRetention(END);
    }

    @Test
    void duplicateDecisionIsDroppedAndCountedWhileOpenAndWhileTombstoned() throws Exception {
        s = JoinScenario.start().decision(D1).decision(D1).watermark(END).decision(D1).watermark(END + RETENTION - 1);
        assertThat(s.joined()).hasSize(1);
        assertThat(s.function().duplicateDecisions.getCount()).isEqualTo(2);
        assertNoStateLeftAfterRetention(END);
    }

    @Test
    void eventWithoutRewardGetsTheLoopsDefaultReward() throws Exception {
        s = JoinScenario.start().settings(new LoopSettings("demo", Duration.ofMinutes(10), -1f, Aggregation.EARLIEST))
                .decision(D1).watermark(END);
        assertThat(s.joined()).containsExactly(joined("e1", joinedSingle(D1, "1.0", "", false), END));
        assertThat(s.function().defaultRewardEvents.getCount()).isEqualTo(1);
    }

    @Test
    void sumAndEarliestFollowEachLoopsSetting() throws Exception {
        String other = singleSlotDecision("e1", at(0), false);
        s = JoinScenario.start().settings(new LoopSettings("shop", Duration.ofMinutes(10), 0f, Aggregation.SUM))
                .decision(D1).input(JoinInput.of("warren.shop.decisions", "e1", other));
        for (String loop : List.of("demo", "shop")) {
            s.input(JoinInput.of("warren." + loop + ".rewards", "e1", reward("e1", at(2_000), 0.25f)))
                    .input(JoinInput.of("warren." + loop + ".rewards", "e1", reward("e1", at(1_000), 0.5f)));
        }
        s.watermark(END);
        assertThat(s.joined()).extracting(r -> r.getValue().loop + " " + cost(r.getValue()))
                .containsExactlyInAnyOrder("demo -0.5", "shop -0.75");
        assertNoStateLeftAfterRetention(END);
    }

    @Test
    void deferredDecisionIsLearnedOnlyWhenActivated() throws Exception {
        String activated = singleSlotDecision("e1", at(0), true);
        String never = singleSlotDecision("e2", at(0), true);
        s = JoinScenario.start().decision(activated).decision(never).reward(activation("e1", at(10)))
                .reward(reward("e1", at(20), 1f)).reward(reward("e2", at(20), 1f)).watermark(END);
        assertThat(s.joined()).containsExactly(
                joined("e1", joinedSingle(activated, "-1.0", activationOutcome("e1") + "," + rewardOutcome("e1", "1.0"),
                        false), END),
                joined("e2", joinedSingle(never, "-1.0", rewardOutcome("e2", "1.0"), true), END));
    }

    @Test
    void multiSlotRewardsJoinPerSlotAndUnknownSlotsGoLate() throws Exception {
        String multi = multiSlotDecision("e1", at(0), false);
        String unknown = slotReward("e1", at(3), 1f, "slot3");
        s = JoinScenario.start().decision(multi).reward(slotReward("e1", at(1), 0.5f, "slot2")).reward(unknown)
                .reward(slotReward("e1", at(2), 1f, "slot1")).watermark(END);
        assertThat(s.joined()).containsExactly(joined("e1", joinedMulti(multi, null,
                "[" + slotOutcome(1, "-1.0", slotRewardOutcome("e1", "1.0", "slot1")) + ","
                        + slotOutcome(2, "-0.5", slotRewardOutcome("e1", "0.5", "slot2")) + "]", false), END));
        assertThat(s.late()).containsExactly(new LateReward("demo", "e1", late(unknown, "unknown-slot")));
        assertNoStateLeftAfterRetention(END);
    }

    @Test
    void rewardExactlyAtWindowEndJoinsAndOneMillisecondLaterGoesLate() throws Exception {
        String atEnd = reward("e1", at(WAIT), 1f);
        String after = reward("e1", at(WAIT + 1), 0.5f);
        s = JoinScenario.start().decision(D1).reward(after).reward(atEnd).watermark(END);
        assertThat(s.joined()).containsExactly(joined("e1", joinedSingle(D1, "-1.0", rewardOutcome("e1", "1.0"), false),
                END));
        assertThat(s.late()).containsExactly(new LateReward("demo", "e1", late(after, "after-window")));
    }

    @Test
    void watermarkExactlyAtWindowEndFiresAndOneBelowDoesNot() throws Exception {
        s = JoinScenario.start().decision(D1).watermark(END - 1);
        assertThat(s.joined()).isEmpty();
        assertThat(s.timers()).isEqualTo(1);
        s.watermark(END);
        assertThat(s.joined()).hasSize(1);
    }

    @Test
    void configChangeAppliesToDecisionsAfterIt() throws Exception {
        s = JoinScenario.start().decision(D1)
                .settings(new LoopSettings("demo", Duration.ofMinutes(1), 0.5f, Aggregation.EARLIEST)).decision(D2)
                .watermark(T0 + 61_000);
        assertThat(s.joined()).containsExactly(joined("e2", joinedSingle(D2, "-0.5", "", false), T0 + 61_000));
        s.watermark(END);
        assertThat(s.joined()).extracting(StreamRecord::getValue)
                .extracting(e -> e.eventId + " " + e.timestampMillis + " " + cost(e))
                .containsExactly("e2 " + (T0 + 61_000) + " -0.5", "e1 " + END + " -0.0");
    }

    @Test
    void restoreMidWindowKeepsThePendingEventItsTimerAndTheSettings() throws Exception {
        s = JoinScenario.start().settings(new LoopSettings("demo", Duration.ofMinutes(10), 0f, Aggregation.SUM))
                .decision(D1).reward(reward("e1", at(100), 0.25f)).watermark(T0 + 1_000).restore();
        assertThat(s.timers()).isEqualTo(1);
        assertThat(s.stateEntries()).as("the event, its decision's text inside").isEqualTo(1);
        s.reward(reward("e1", at(200), 0.5f)).decision(D2).restore().watermark(END + 1_000);
        assertThat(s.joined()).containsExactly(
                joined("e1", joinedSingle(D1, "-0.75",
                        rewardOutcome("e1", "0.25") + "," + rewardOutcome("e1", "0.5"), false), END),
                joined("e2", joinedSingle(D2, "-0.0", "", false), END + 1_000));
        assertNoStateLeftAfterRetention(END + 1_000);
    }

    @Test
    void anOpenEventStoredWithItsTextAsAStringStillJoinsAndLeavesNothing() throws Exception {
        s = JoinScenario.start().decision(D1).storeTextAsString("demo/e1").reward(reward("e1", at(100), 0.5f))
                .decision(D2).storeTextAsString("demo/e2").watermark(END + 1_000);
        assertJoinedBothWithNothingLeft();
    }

    @Test
    void anOpenEventStoredWithItsTextApartStillJoinsAndLeavesNothing() throws Exception {
        s = JoinScenario.start().decision(D1).storeTextApart("demo/e1").reward(reward("e1", at(100), 0.5f))
                .decision(D2).storeTextApart("demo/e2");
        assertThat(s.stateEntries()).as("two events and their texts").isEqualTo(4);
        s.watermark(END + 1_000);
        assertJoinedBothWithNothingLeft();
    }

    /** e1 with its reward of 0.5 and e2 with none, both from D1 and D2; then no state once retention ends. */
    private void assertJoinedBothWithNothingLeft() throws Exception {
        assertThat(s.joined()).containsExactly(
                joined("e1", joinedSingle(D1, "-0.5", rewardOutcome("e1", "0.5"), false), END),
                joined("e2", joinedSingle(D2, "-0.0", "", false), END + 1_000));
        assertNoStateLeftAfterRetention(END + 1_000);
    }

    @Test
    void restoreKeepsTheTombstoneAndEarlyRewards() throws Exception {
        String early = reward("e2", at(0), 0.5f);
        s = JoinScenario.start().decision(D1).watermark(END).reward(early).restore().decision(D1).decision(D2)
                .watermark(END + 1_000);
        assertThat(s.function().duplicateDecisions.getCount()).isEqualTo(1);
        assertThat(s.joined()).extracting(r -> r.getValue().eventId + " " + cost(r.getValue()))
                .containsExactly("e1 -0.0", "e2 -0.5");
    }

    @Test
    void beforeTheBroadcastHasALoopsSettingsTheLookupsApply() throws Exception {
        s = JoinScenario.start(() -> new RewardJoinFunction(Duration.ofMinutes(2), Duration.ofMinutes(1),
                        loop -> new LoopSettings(loop, Duration.ofSeconds(1), 0.25f, Aggregation.EARLIEST)))
                .decision(D1).watermark(T0 + 1_000);
        assertThat(s.joined()).extracting(StreamRecord::getValue)
                .extracting(e -> e.eventId + " " + e.timestampMillis + " " + cost(e))
                .containsExactly("e1 " + (T0 + 1_000) + " -0.25");
    }

    @Test
    void stateIsEmptyOnceTheTombstoneRetentionPassed() throws Exception {
        s = JoinScenario.start(() -> new RewardJoinFunction(Duration.ofMinutes(2), Duration.ofMinutes(1), loop -> null))
                .decision(D1).watermark(END);
        assertThat(s.stateEntries()).isEqualTo(1);
        s.watermark(END + 60_000 - 1);
        assertThat(s.stateEntries()).isEqualTo(1);
        s.watermark(END + 60_000);
        assertThat(s.stateEntries()).isZero();
        assertThat(s.timers()).isZero();
        // After the tombstone the event id is new again.
        s.decision(singleSlotDecision("e1", at(WAIT + 120_000), false)).watermark(END + 120_000 + WAIT);
        assertThat(s.joined()).hasSize(2);
        assertThat(s.function().duplicateDecisions.getCount()).isZero();
    }

    @Test
    void decisionWithoutWhatTheLineNeedsIsCountedAndDropped() throws Exception {
        s = JoinScenario.start().decision("{\"EventId\":\"e1\",\"Timestamp\":\"" + at(0) + "\",\"c\":{}}").watermark(END);
        assertThat(s.function().invalidRecords.getCount()).isEqualTo(1);
        assertThat(s.joined()).isEmpty();
        assertThat(s.stateEntries()).isZero();
        assertThat(s.timers()).isZero();
    }
}
