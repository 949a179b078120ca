package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SingleLearner;
import io.warren.core.model.ModelState;
import java.util.List;

/**
 * RegCB (VW's --regcb, Foster et al., "Practical Contextual Bandits with Regression Oracles", 2018):
 * each action gets a plausible cost interval {@code [lo_a, hi_a]} from the regressor's sensitivity
 * (see {@link CostRanges}, with {@code delta = c0 ln(K t) (cmax - cmin)^2} after t learned examples).
 *
 * <ul>
 *   <li>Elimination (default): uniform over the actions that could still be best,
 *       {@code lo_a <= min_b hi_b}.
 *   <li>Optimistic ({@code --regcbopt}): probability 1 on the action with the smallest {@code lo_a}
 *       (and, as in VW, also 1 on every action tied with it unless {@code --first_only}).
 * </ul>
 * Learning regresses on the observed cost without importance weighting (probability set to 1).
 */
public final class RegCbExplore implements ExploreStrategy {
    private final boolean optimistic;
    private final float mellowness;
    private final boolean firstOnly;
    private final float minCost;
    private final float maxCost;
    private final Multiline multiline = new Multiline();
    private final CostRanges ranges = new CostRanges();
    private SingleLearner scorer;
    private long counter;
    private float[] scratch = new float[16];

    public RegCbExplore(boolean optimistic, float mellowness, boolean firstOnly, float minCost, float maxCost) {
        this.optimistic = optimistic;
        this.mellowness = mellowness;
        this.firstOnly = firstOnly;
        this.minCost = minCost;
        this.maxCost = maxCost;
    }

    @Override
    public String name() {
        return "cb_explore_adf_regcb";
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
        multiline.predict(base, examples, 0);
        ActionScores preds = examples.get(0).predActionScores;
        int n = preds.size;
        float delta = CostRanges.delta(mellowness, n, counter, minCost, maxCost);
        ranges.compute(delta, scorer, examples, preds, optimistic, minCost, maxCost);
        if (optimistic) {
            optimisticPmf(preds, ranges.min, firstOnly);
        } else {
            if (scratch.length < n) {
                scratch = new float[n];
            }
            eliminationPmf(preds, ranges.min, ranges.max, scratch);
        }
    }

    /** 1 on the action with the lowest lower bound (and on its exact ties unless firstOnly), 0 elsewhere. */
    static void optimisticPmf(ActionScores preds, float[] lower, boolean firstOnly) {
        int n = preds.size;
        float best = Float.MAX_VALUE;
        int bestAction = 0;
        for (int a = 0; a < n; a++) {
            if (lower[a] < best) {
                best = lower[a];
                bestAction = a;
            }
        }
        for (int i = 0; i < n; i++) {
            int a = preds.action[i];
            preds.score[i] = a == bestAction || (!firstOnly && lower[a] == best) ? 1f : 0f;
        }
    }

    /** Uniform over the actions whose lower bound does not exceed the smallest upper bound. */
    static void eliminationPmf(ActionScores preds, float[] lower, float[] upper, float[] scratch) {
        int n = preds.size;
        float minUpper = Float.MAX_VALUE;
        for (int a = 0; a < n; a++) {
            minUpper = Math.min(minUpper, upper[a]);
        }
        for (int i = 0; i < n; i++) {
            preds.score[i] = lower[preds.action[i]] <= minUpper ? 1f : 0f;
        }
        Explore.enforceMinimumProbability(1f, false, preds.score, n, scratch);
    }

    @Override
    public void learn(MultiLearner base, List<Example> examples) {
        dropImportanceWeights(examples);
        multiline.learn(base, examples, 0);
        counter++;
    }

    /**
     * Sets the logged probability to 1 so the regression is unweighted. As in VW the last action line
     * is skipped (VW's loop stops one short) and the change is not undone.
     */
    static void dropImportanceWeights(List<Example> examples) {
        for (int i = 0, n = examples.size() - 1; i < n; i++) {
            CbLabel label = examples.get(i).cb;
            if (label.size == 1) {
                label.probability[0] = 1f;
            }
        }
    }

    @Override
    public void save(ModelState state) {
        state.putLong("regcb.counter", counter);
    }

    @Override
    public void load(ModelState state) {
        counter = state.getLong("regcb.counter", counter);
    }
}
