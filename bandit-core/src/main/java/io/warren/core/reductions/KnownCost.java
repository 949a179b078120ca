package io.warren.core.reductions;

import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.parse.InputException;
import java.util.List;

/**
 * The logged outcome of a multi-line CB example: which action line was taken (0-based among the
 * action lines), its cost and the probability it was taken with. {@code probability < 0} means
 * unlabelled (VW's get_observed_cost_or_default_cb_adf).
 */
public final class KnownCost {
    public int action;
    public float cost;
    public float probability = -1f;

    public boolean isLabeled() {
        return probability > 0;
    }

    public void copyFrom(KnownCost other) {
        action = other.action;
        cost = other.cost;
        probability = other.probability;
    }

    public void findIn(List<Example> examples) {
        boolean found = false;
        for (int i = 0, n = examples.size(); i < n; i++) {
            CbLabel label = examples.get(i).cb;
            for (int c = 0; c < label.size; c++) {
                if (label.hasObservedCost(c)) {
                    found = true;
                    action = i;
                    cost = label.cost[c];
                    probability = label.probability[c];
                }
            }
        }
        if (!found) {
            action = 0;
            cost = CbLabel.NO_COST;
            probability = -1f;
        }
    }

    /** IPS estimate of the cost of choosing {@code chosen}: cost/p if it is the logged action, else 0. */
    public float ipsEstimate(int chosen) {
        return chosen == action ? cost / probability : 0f;
    }

    /**
     * The line carrying the cost (VW's test_cb_adf_sequence), or -1 for a test example.
     * Rejects lines with several costs, or several labelled lines unless {@code allowMultipleCosts}.
     */
    public static int labeledLine(List<Example> examples, boolean allowMultipleCosts) {
        if (examples.isEmpty()) {
            throw new InputException("cb_adf: at least one action must be provided for an example to be valid");
        }
        int labeled = -1;
        int count = 0;
        for (int i = 0, n = examples.size(); i < n; i++) {
            CbLabel label = examples.get(i).cb;
            if (label.size > 1) {
                throw new InputException("cb_adf: badly formatted example, only one cost can be known but found "
                        + label.size);
            }
            if (label.size == 1 && label.cost[0] != CbLabel.NO_COST) {
                labeled = i;
                count++;
                if (!allowMultipleCosts) {
                    if (count > 1) {
                        throw new InputException("cb_adf: badly formatted example, only one line can have a cost");
                    }
                } else if (label.action[0] == i) {
                    return labeled;
                }
            }
        }
        return labeled;
    }
}
