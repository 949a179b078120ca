package io.warren.joiner;

import java.time.Instant;

/** Record values as the API writes them, JoinInputs made from them, and the joined lines expected. */
final class Records {
    /** The test events' base time and the default reward wait. */
    static final long T0 = Instant.parse("2026-12-01T19:40:30.123Z").toEpochMilli();
    static final long WAIT = 600_000L;

    static final String LOOP = "demo";
    static final String DECISIONS = "warren.demo.decisions";
    static final String REWARDS = "warren.demo.rewards";

    private Records() {}

    /** A single-slot decision: three actions, the second of {@code _multi} chosen with probability 0.8. */
    static String singleSlotDecision(String eventId, String timestamp, boolean deferred) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"" + timestamp + "\",\"Version\":\"1\","
                + "\"a\":[2,1,3],\"p\":[0.8,0.1,0.1],\"c\":{\"FromUrl\":[{\"weather\":\"sunny\"}],\"_multi\":["
                + action("Mocha") + "," + action("Latte") + "," + action("Cappuccino") + "]},"
                + "\"VWState\":{\"m\":\"model-7\"},\"DeferredAction\":" + deferred
                + ",\"_learningMode\":\"Online\",\"_loop\":\"demo\"}";
    }

    /** A two-slot decision: slot1 chose action 2 (0-based) with 0.7, slot2 action 0 with 0.6. */
    static String multiSlotDecision(String eventId, String timestamp, boolean deferred) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"" + timestamp + "\",\"Version\":\"1\","
                + "\"c\":{\"FromUrl\":[{\"weather\":\"sunny\"}],\"_multi\":[" + action("Mocha") + ","
                + action("Latte") + "," + action("Cappuccino") + "],\"_slots\":[{\"_id\":\"slot1\",\"sj\":"
                + "[{\"size\":\"Large\"}]},{\"_id\":\"slot2\",\"sj\":[{\"size\":\"Small\"}]}]},"
                + "\"_outcomes\":[{\"_id\":\"slot1\",\"_a\":[2,0,1],\"_p\":[0.7,0.2,0.1]},"
                + "{\"_id\":\"slot2\",\"_a\":[0,1],\"_p\":[0.6,0.4]}],"
                + "\"VWState\":{\"m\":\"model-7\"},\"DeferredAction\":" + deferred
                + ",\"_learningMode\":\"Online\",\"_loop\":\"demo\"}";
    }

    private static String action(String id) {
        return "{\"_tag\":\"" + id + "\",\"i\":{\"constant\":1,\"id\":\"" + id + "\"},\"j\":[{\"roast\":\"dark\"}]}";
    }

    static String reward(String eventId, String timestamp, float value) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"" + timestamp + "\",\"kind\":\"reward\",\"value\":"
                + value + "}";
    }

    static String slotReward(String eventId, String timestamp, float value, String slot) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"" + timestamp + "\",\"kind\":\"reward\",\"value\":"
                + value + ",\"slotId\":\"" + slot + "\"}";
    }

    static String activation(String eventId, String timestamp) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"" + timestamp + "\",\"kind\":\"activate\"}";
    }

    /** The ISO-8601 timestamp {@code offsetMillis} after {@link #T0}. */
    static String at(long offsetMillis) {
        return Instant.ofEpochMilli(T0 + offsetMillis).toString();
    }

    /** The joined line of {@link #singleSlotDecision}: label for action 2 with probability 0.8. */
    static String joinedSingle(String decision, String labelCost, String outcomes, boolean skipLearn) {
        return "{\"_label_cost\":" + labelCost + ",\"_label_probability\":0.8,\"_label_Action\":2,\"_labelIndex\":1,"
                + "\"o\":[" + outcomes + "]," + decision.substring(1, decision.length() - 1)
                + (skipLearn ? ",\"_skipLearn\":true" : "") + "}";
    }

    /** {@code {"v":value,"EventId":eventId,"ActionTaken":false}} as the joined line writes it. */
    static String rewardOutcome(String eventId, String value) {
        return "{\"v\":" + value + ",\"EventId\":\"" + eventId + "\",\"ActionTaken\":false}";
    }

    static String activationOutcome(String eventId) {
        return "{\"EventId\":\"" + eventId + "\",\"ActionTaken\":true}";
    }

    /** The joined line of {@link #multiSlotDecision} with the given {@code _outcomes} array text. */
    static String joinedMulti(String decision, String topLevelOutcomes, String outcomesArray, boolean skipLearn) {
        String original = "[{\"_id\":\"slot1\",\"_a\":[2,0,1],\"_p\":[0.7,0.2,0.1]},"
                + "{\"_id\":\"slot2\",\"_a\":[0,1],\"_p\":[0.6,0.4]}]";
        String body = decision.substring(1, decision.length() - 1).replace(original, outcomesArray);
        return "{" + (topLevelOutcomes == null ? "" : "\"o\":[" + topLevelOutcomes + "],") + body
                + (skipLearn ? ",\"_skipLearn\":true" : "") + "}";
    }

    /** One rewritten {@code _outcomes} entry of {@link #multiSlotDecision}'s slot 1 or 2. */
    static String slotOutcome(int slot, String labelCost, String outcomes) {
        String own = slot == 1 ? "\"_id\":\"slot1\",\"_a\":[2,0,1],\"_p\":[0.7,0.2,0.1]"
                : "\"_id\":\"slot2\",\"_a\":[0,1],\"_p\":[0.6,0.4]";
        return "{\"_label_cost\":" + labelCost + "," + own + ",\"_o\":[" + outcomes + "],\"_original_label_cost\":"
                + labelCost + "}";
    }

    static String slotRewardOutcome(String eventId, String value, String slot) {
        return "{\"v\":" + value + ",\"EventId\":\"" + eventId + "\",\"Index\":\"" + slot
                + "\",\"ActionTaken\":false}";
    }

    static String late(String record, String reason) {
        return record.substring(0, record.length() - 1) + ",\"_lateReason\":\"" + reason + "\"}";
    }

    static JoinInput decision(String json) {
        return JoinInput.of(DECISIONS, null, json);
    }

    static JoinInput rewardInput(String json) {
        return JoinInput.of(REWARDS, null, json);
    }
}
