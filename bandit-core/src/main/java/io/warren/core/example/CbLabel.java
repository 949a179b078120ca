package io.warren.core.example;

/**
 * A contextual-bandit label: zero or more {@code action:cost:probability} entries (VW's cb_label).
 * In ADF data an action line carries at most one entry whose action is unused; a shared line carries
 * the literal "shared" marker. Arrays are reused across examples.
 */
public final class CbLabel {
    /** VW's FLT_MAX marker for "no cost observed". */
    public static final float NO_COST = Float.MAX_VALUE;

    public int size;
    public int[] action = new int[2];
    public float[] cost = new float[2];
    public float[] probability = new float[2];
    public float[] partialPrediction = new float[2];
    public float weight = 1f;

    public void clear() {
        size = 0;
        weight = 1f;
    }

    public void add(int act, float c, float p) {
        if (size == action.length) {
            int n = size * 2;
            action = java.util.Arrays.copyOf(action, n);
            cost = java.util.Arrays.copyOf(cost, n);
            probability = java.util.Arrays.copyOf(probability, n);
            partialPrediction = java.util.Arrays.copyOf(partialPrediction, n);
        }
        action[size] = act;
        cost[size] = c;
        probability[size] = p;
        partialPrediction[size] = 0f;
        size++;
    }

    /** VW's cb_class::has_observed_cost for entry {@code i}: a real cost and a positive probability. */
    public boolean hasObservedCost(int i) {
        return cost[i] != NO_COST && probability[i] > 0f;
    }

    /** A "shared" header line: exactly one entry with the -1 probability marker. */
    public boolean isHeader() {
        return size == 1 && probability[0] == -1f;
    }

    /** VW's cb_label::is_test_label: no entries, or every entry lacks a cost or a valid probability. */
    public boolean isTest() {
        for (int i = 0; i < size; i++) {
            if (cost[i] != NO_COST && probability[i] > 0f) {
                return false;
            }
        }
        return true;
    }

    public void copyFrom(CbLabel other) {
        clear();
        for (int i = 0; i < other.size; i++) {
            add(other.action[i], other.cost[i], other.probability[i]);
            partialPrediction[i] = other.partialPrediction[i];
        }
        weight = other.weight;
    }
}
