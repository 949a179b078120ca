package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.model.ModelState;
import java.util.List;

/**
 * Synthetic cover (VW's --synthcover): a cover of {@code m} policies simulated from one regressor.
 * Predicted costs are clipped to the range of costs logged so far (which always contains 0); then m
 * times the currently cheapest action (ties to the lower action id) receives {@code 1/m} of the mass
 * and its cost is raised by {@code psi/m}, so near-best actions share the mass in proportion to how
 * close they are. The result is floored at {@code epsilon / K} and listed by descending probability
 * (ties to the higher action id, as VW's sort does).
 */
public final class SynthCoverExplore extends PmfShaper {
    private final float epsilon;
    private final float psi;
    private final int coverSize;
    private float minCost;
    private float maxCost;
    private float[] probs = new float[16];
    private float[] costs = new float[16];
    private float[] scratch = new float[16];

    public SynthCoverExplore(float epsilon, float psi, int coverSize) {
        this.epsilon = epsilon;
        this.psi = psi;
        this.coverSize = coverSize;
    }

    @Override
    public String name() {
        return "cb_explore_adf_synthcover";
    }

    @Override
    void shape(List<Example> examples, boolean learning) {
        for (Example ec : examples) {
            CbLabel label = ec.cb;
            if (label.size > 0) {
                minCost = Math.min(label.cost[0], minCost);
                maxCost = Math.max(label.cost[0], maxCost);
                break;
            }
        }
        ActionScores preds = examples.get(0).predActionScores;
        int n = examples.size();
        if (n == 0) {
            preds.clear();
            return;
        }
        if (n == 1) {
            preds.score[0] = 1f;
            return;
        }
        if (probs.length < n) {
            probs = new float[n];
            costs = new float[n];
            scratch = new float[n];
        }
        for (int i = 0; i < n; i++) {
            float s = preds.score[i];
            costs[preds.action[i]] = s < minCost ? minCost : (s > maxCost ? maxCost : s);
        }
        coverMass(costs, n, coverSize, psi, probs);
        Explore.enforceMinimumProbability(epsilon, true, probs, n, scratch);
        preds.clear();
        for (int a = 0; a < n; a++) {
            preds.add(a, probs[a]);
        }
        sortDescending(preds);
    }

    /**
     * Hands out {@code m} shares of {@code 1/m}: each goes to the cheapest action (ties to the lower id),
     * whose cost then rises by {@code psi/m}. {@code costs} (indexed by action) is consumed.
     */
    static void coverMass(float[] costs, int n, int m, float psi, float[] probs) {
        for (int a = 0; a < n; a++) {
            probs[a] = 0f;
        }
        float share = 1f / m;
        int handedOut = 0;
        while (handedOut < m) {
            int cheapest = cheapest(costs, n, -1);
            float runnerUp = costs[cheapest(costs, n, cheapest)];
            for (; runnerUp >= costs[cheapest] && handedOut < m; handedOut++) {
                probs[cheapest] += share;
                costs[cheapest] += share * psi;
            }
        }
    }

    /** Index of the lowest cost, ties to the lower index, skipping {@code excluded}. */
    private static int cheapest(float[] costs, int n, int excluded) {
        int best = -1;
        for (int a = 0; a < n; a++) {
            if (a != excluded && (best < 0 || costs[a] < costs[best])) {
                best = a;
            }
        }
        return best;
    }

    /** Descending probability; equal probabilities put the higher action first. */
    private static void sortDescending(ActionScores preds) {
        for (int i = 1; i < preds.size; i++) {
            int a = preds.action[i];
            float p = preds.score[i];
            int j = i - 1;
            while (j >= 0 && (preds.score[j] < p || (preds.score[j] == p && preds.action[j] < a))) {
                preds.action[j + 1] = preds.action[j];
                preds.score[j + 1] = preds.score[j];
                j--;
            }
            preds.action[j + 1] = a;
            preds.score[j + 1] = p;
        }
    }

    @Override
    public void save(ModelState state) {
        state.putDouble("synthcover.min_cost", minCost);
        state.putDouble("synthcover.max_cost", maxCost);
    }

    @Override
    public void load(ModelState state) {
        minCost = (float) state.getDouble("synthcover.min_cost", minCost);
        maxCost = (float) state.getDouble("synthcover.max_cost", maxCost);
    }
}
