package io.warren.core.rank;

/**
 * The outcome of a multi-slot rank: per slot, in request order, the actions it could show (indices into
 * the request's actions, the one shown first) with their probabilities, and the model version that decided
 * ("" before any model). An action shown in a slot is not a candidate in later slots. It keeps the request's
 * checked slot layout too: each slot's baseline action and which actions the slot may show at all.
 */
public record SlotRanking(String eventId, int[][] actions, float[][] probabilities, String modelVersion,
                          int[] baselines, boolean[][] included) {

    /** Index into the request's actions of the action shown in {@code slot} (its rewardActionId). */
    public int chosenAction(int slot) {
        return actions[slot][0];
    }

    /** Whether the policy gives {@code action} the highest probability in {@code slot} (ties count). */
    public boolean favours(int slot, int action) {
        float best = 0f;
        float given = 0f;
        for (int k = 0; k < actions[slot].length; k++) {
            best = Math.max(best, probabilities[slot][k]);
            if (actions[slot][k] == action) {
                given = probabilities[slot][k];
            }
        }
        return given == best;
    }
}
