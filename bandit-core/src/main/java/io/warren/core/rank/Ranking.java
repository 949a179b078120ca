package io.warren.core.rank;

/**
 * The outcome of ranking one request: the event id, the rankable actions (indices into the request's
 * actions, in request order, excluded ones left out), the ranking as positions among them (the chosen
 * action first) with each one's probability, and the model version that decided ("" before any model).
 */
public record Ranking(String eventId, int[] rankable, int[] order, float[] probabilities, String modelVersion) {

    /** Index into the request's actions of the action at ranking place {@code k}. */
    public int actionAt(int k) {
        return rankable[order[k]];
    }

    /** Index into the request's actions of the chosen action (Personalizer's rewardActionId). */
    public int chosenAction() {
        return actionAt(0);
    }

    /** Whether the policy gives the baseline (the first rankable action) the highest probability (ties count). */
    public boolean favoursBaseline() {
        float best = 0f;
        float baseline = 0f;
        for (int k = 0; k < order.length; k++) {
            best = Math.max(best, probabilities[k]);
            if (order[k] == 0) {
                baseline = probabilities[k];
            }
        }
        return baseline == best;
    }

    /**
     * The ranking of a loop that imitates or only logs (Personalizer's Apprentice and LoggingOnly modes):
     * the baseline action chosen with probability 1, the others after it in this ranking's order.
     */
    public Ranking withBaselineChosen() {
        int[] baselineFirst = new int[order.length];
        float[] certain = new float[order.length];
        baselineFirst[0] = 0;
        certain[0] = 1f;
        int k = 1;
        for (int position : order) {
            if (position != 0) {
                baselineFirst[k++] = position;
            }
        }
        return new Ranking(eventId, rankable, baselineFirst, certain, modelVersion);
    }
}
