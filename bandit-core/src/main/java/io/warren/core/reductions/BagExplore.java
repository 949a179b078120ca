package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.explore.RandState;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * Bagging (VW's --bag n): n models trained on Poisson(1) bootstrap replicates; the PMF is each
 * action's share of the models ranking it first (ties split), floored by epsilon.
 */
public final class BagExplore implements ExploreStrategy {
    private final float epsilon;
    private final int bagSize;
    private final boolean greedify;
    private final boolean firstOnly;
    private final RandState random;
    private final Multiline multiline = new Multiline();
    private final ActionScores saved = new ActionScores();
    private float[] scores = new float[16];
    private float[] topActions = new float[16];
    private float[] pmf = new float[16];
    private float[] scratch = new float[16];

    public BagExplore(float epsilon, int bagSize, boolean greedify, boolean firstOnly, RandState random) {
        this.epsilon = epsilon;
        this.bagSize = bagSize;
        this.greedify = greedify;
        this.firstOnly = firstOnly;
        this.random = random;
    }

    @Override
    public String name() {
        return "cb_explore_adf_bag";
    }

    @Override
    public int featureWidth() {
        return bagSize;
    }

    @Override
    public boolean cbAdfNoPredict(boolean cbAdfGiven) {
        return true;
    }

    @Override
    public boolean learnReturnsPrediction(MultiLearner base) {
        return false;
    }

    @Override
    public void predict(MultiLearner base, List<Example> examples) {
        ActionScores preds = examples.get(0).predActionScores;
        int n = examples.size();
        if (scores.length < n) {
            scores = new float[n];
            topActions = new float[n];
            pmf = new float[n];
            scratch = new float[n];
        }
        java.util.Arrays.fill(scores, 0, n, 0f);
        java.util.Arrays.fill(topActions, 0, n, 0f);
        for (int m = 0; m < bagSize; m++) {
            multiline.predict(base, examples, m);
            for (int i = 0; i < preds.size; i++) {
                scores[preds.action[i]] += preds.score[i];
            }
            if (!firstOnly) {
                int tied = GreedyExplore.tiedWithFirst(preds);
                for (int j = 0; j < tied; j++) {
                    topActions[preds.action[j]] += 1f / tied;
                }
            } else {
                topActions[preds.action[0]] += 1f;
            }
        }
        Explore.bag(topActions, n, pmf);
        Explore.enforceMinimumProbability(epsilon, true, pmf, n, scratch);
        preds.clear();
        for (int i = 0; i < n; i++) {
            preds.add(i, pmf[i]);
        }
        preds.sortProbabilities(scores);
    }

    @Override
    public void learn(MultiLearner base, List<Example> examples) {
        saved.copyFrom(examples.get(0).predActionScores);
        for (int m = 0; m < bagSize; m++) {
            int count = greedify && m == 0 ? 1 : poissonWeight(random);
            for (int j = 0; j < count; j++) {
                multiline.learn(base, examples, m);
            }
        }
        examples.get(0).predActionScores.copyFrom(saved);
    }

    /** Cumulative Poisson(1) probabilities P(X <= k), k = 0..19, as VW's bs::weight_gen has them. */
    private static final double[] POISSON_CDF = {0.3678794411714423215955, 0.735758882342884643191,
        0.919698602928605803989, 0.9810118431238461909214, 0.9963401531726562876545, 0.9994058151824183070012,
        0.9999167588507119768923, 0.9999897508033253583053, 0.9999988747974020309819, 0.9999998885745216612793,
        0.9999999899522336243091, 0.9999999991683892573118, 0.9999999999364022267287, 0.999999999995480147453,
        0.9999999999996999989333, 0.9999999999999813223654, 0.9999999999999989050799, 0.9999999999999999393572,
        0.999999999999999996817, 0.9999999999999999998412};

    /** VW's bs::weight_gen: a Poisson(1) draw by inverting its CDF with one uniform. */
    static int poissonWeight(RandState random) {
        float u = random.next();
        for (int k = 0; k < POISSON_CDF.length; k++) {
            if (u <= POISSON_CDF[k]) {
                return k;
            }
        }
        return 20;
    }
}
