package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SingleLearner;
import io.warren.core.model.ModelState;
import java.util.List;

/**
 * SquareCB (VW's --squarecb; Foster and Rakhlin, "Beyond UCB: Optimal and Efficient Contextual Bandits
 * with Regression Oracles", 2020): inverse gap weighting of the predicted costs. With {@code b} the
 * action of lowest predicted cost, every other action gets {@code 1 / (K + gamma (f_a - f_b))} and
 * {@code b} the rest, where {@code gamma = gamma_scale * t^gamma_exponent} after t learned examples;
 * then every probability is floored at {@code epsilon / K}.
 *
 * <p>With {@code --elim} the same rule runs only over the actions RegCB still finds plausible (see
 * {@link CostRanges}); the others get 0, and K is VW's count of how often the running minimum
 * improved while scanning for {@code b}, not the number of survivors. Learning is unweighted
 * regression, as in {@link RegCbExplore}.
 */
public final class SquareCbExplore implements ExploreStrategy {
    private final float gammaScale;
    private final float gammaExponent;
    private final boolean elim;
    private final float mellowness;
    private final float minCost;
    private final float maxCost;
    private final float epsilon;
    private final Multiline multiline = new Multiline();
    private final CostRanges ranges = new CostRanges();
    private SingleLearner scorer;
    private long counter;
    private float[] scratch = new float[16];

    public SquareCbExplore(float gammaScale, float gammaExponent, boolean elim, float mellowness, float minCost,
                           float maxCost, float epsilon) {
        this.gammaScale = gammaScale;
        this.gammaExponent = gammaExponent;
        this.elim = elim;
        this.mellowness = mellowness;
        this.minCost = minCost;
        this.maxCost = maxCost;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "cb_explore_adf_squarecb";
    }

    @Override
    public void attach(CbAdf cbAdf, long increment) {
        scorer = cbAdf.scorer();
    }

    @Override
    public boolean learnReturnsPrediction(MultiLearner base) {
        return false;
    }

    @Override
    public void predict(MultiLearner base, List<Example> examples) {
        float gamma = gammaScale * (float) Math.pow((double) counter, gammaExponent);
        multiline.predict(base, examples, 0);
        ActionScores preds = examples.get(0).predActionScores;
        int n = preds.size;
        if (!elim) {
            if (scratch.length < n) {
                scratch = new float[n];
            }
            inverseGapWeighting(preds, gamma);
            Explore.enforceMinimumProbability(epsilon, true, preds.score, n, scratch);
        } else {
            float delta = CostRanges.delta(mellowness, n, counter, minCost, maxCost);
            ranges.compute(delta, scorer, examples, preds, false, minCost, maxCost);
            inverseGapWeightingOverPlausible(preds, gamma, ranges.min, ranges.max);
        }
    }

    /** Replaces the predicted costs in {@code preds} by SquareCB's probabilities over all actions. */
    static void inverseGapWeighting(ActionScores preds, float gamma) {
        int n = preds.size;
        int best = 0;
        float bestCost = preds.score[0];
        for (int a = 0; a < n; a++) {
            if (preds.score[a] < bestCost) {
                best = a;
                bestCost = preds.score[a];
            }
        }
        float total = 0f;
        for (int a = 0; a < n; a++) {
            if (a != best) {
                float p = 1f / (n + gamma * (preds.score[a] - bestCost));
                preds.score[a] = p;
                total += p;
            }
        }
        preds.score[best] = 1f - total;
    }

    /** SquareCB's rule restricted to actions with {@code lower_a <= min_b upper_b}; 0 for the rest. */
    static void inverseGapWeightingOverPlausible(ActionScores preds, float gamma, float[] lower, float[] upper) {
        int n = preds.size;
        float minUpper = Float.MAX_VALUE;
        for (int a = 0; a < n; a++) {
            minUpper = Math.min(minUpper, upper[a]);
        }
        int best = 0;
        int improvements = 0;
        float bestCost = Float.MAX_VALUE;
        for (int a = 0; a < n; a++) {
            if (preds.score[a] < bestCost && lower[preds.action[a]] <= minUpper) {
                best = a;
                bestCost = preds.score[a];
                improvements++;
            }
        }
        float total = 0f;
        for (int a = 0; a < n; a++) {
            if (lower[preds.action[a]] > minUpper) {
                preds.score[a] = 0f;
            } else if (a != best) {
                float p = 1f / (improvements + gamma * (preds.score[a] - bestCost));
                preds.score[a] = p;
                total += p;
            }
        }
        preds.score[best] = 1f - total;
    }

    @Override
    public void learn(MultiLearner base, List<Example> examples) {
        RegCbExplore.dropImportanceWeights(examples);
        multiline.learn(base, examples, 0);
        counter++;
    }

    @Override
    public void save(ModelState state) {
        state.putLong("squarecb.counter", counter);
    }

    @Override
    public void load(ModelState state) {
        counter = state.getLong("squarecb.counter", counter);
    }
}
