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
}
