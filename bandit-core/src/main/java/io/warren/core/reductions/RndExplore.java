package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.explore.RandState;
import io.warren.core.learn.FeatureWalker;
import io.warren.core.learn.MultiLearner;
import java.util.Arrays;
import java.util.List;

/**
 * Random network distillation (VW's --rnd m): m extra regressors each learn to predict a fixed random
 * target {@code g_a = sqrt(invlambda) <x, z> / sqrt(2 |x|^2)} (z Gaussian, one weight per feature
 * index), fed noisy labels {@code alpha N(0,1) + g_a} on the logged line. Their error
 * {@code b_a = sqrt(mean_k (f_k(x_a) - g_a)^2)} approximates a LinUCB-style confidence width, since
 * it shrinks where features have been seen often. The PMF is a softmax of the optimistic costs
 * {@code f_a - euler_gamma (b_a - max b)} with temperature {@code max b}, floored at epsilon.
 */
public final class RndExplore implements ExploreStrategy {
    private static final float EULER_GAMMA = 0.57721566490153286f;

    private final float epsilon;
    private final float alpha;
    private final float sqrtInvLambda;
    private final int numRnd;
    private final RandState random;
    private long increment;
    private float[] bonuses = new float[16];
    private float[] initials = new float[16];
    private float[] scratch = new float[16];
    private final RandomTarget target = new RandomTarget();

    public RndExplore(float epsilon, float alpha, float invLambda, int numRnd, RandState random) {
        this.epsilon = epsilon;
        this.alpha = alpha;
        this.sqrtInvLambda = (float) Math.sqrt(invLambda);
        this.numRnd = numRnd;
        this.random = random;
    }

    @Override
    public String name() {
        return "cb_explore_adf_rnd";
    }

    @Override
    public int featureWidth() {
        return 1 + numRnd;
    }

    @Override
    public void attach(CbAdf cbAdf, long increment) {
        this.increment = increment;
    }

    @Override
    public boolean learnReturnsPrediction(MultiLearner base) {
        return false;
    }

    @Override
    public void predict(MultiLearner base, List<Example> examples) {
        run(base, examples, false);
    }

    @Override
    public void learn(MultiLearner base, List<Example> examples) {
        run(base, examples, true);
    }

    private void run(MultiLearner base, List<Example> examples, boolean learn) {
        int n = examples.size();
        if (bonuses.length < n) {
            bonuses = new float[n];
            initials = new float[n];
            scratch = new float[n];
        }
        int labeled = learn ? labeledLine(examples) : -1;
        CbLabel label = labeled >= 0 ? examples.get(labeled).cb : null;
        float savedCost = label != null ? label.cost[0] : 0f;
        float savedProbability = label != null ? label.probability[0] : 0f;
        Arrays.fill(bonuses, 0, n, 0f);
        try {
            for (int k = 0; k < numRnd; k++) {
                int model = 1 + k;
                for (int i = 0; i < n; i++) {
                    Example ec = examples.get(i);
                    initials[i] = target.of(ec, ec.ftOffset + increment * model, sqrtInvLambda);
                }
                if (label != null) {
                    label.cost[0] = alpha * random.nextGaussian() + initials[labeled];
                    label.probability[0] = 1f;
                }
                if (learn) {
                    base.learn(examples, model);
                } else {
                    base.predict(examples, model);
                }
                ActionScores preds = examples.get(0).predActionScores;
                for (int i = 0; i < preds.size; i++) {
                    float error = preds.score[i] - initials[preds.action[i]];
                    bonuses[preds.action[i]] += error * error;
                }
            }
        } finally {
            if (label != null) {
                label.cost[0] = savedCost;
                label.probability[0] = savedProbability;
            }
        }
        for (int i = 0; i < n; i++) {
            bonuses[i] = (float) Math.sqrt(bonuses[i] / numRnd);
        }
        if (learn) {
            base.learn(examples, 0);
        } else {
            base.predict(examples, 0);
        }
        toPmf(examples.get(0).predActionScores, bonuses, n, epsilon, scratch);
    }

    /** Optimism by the bonus, then softmax at temperature max bonus (at least 1e-3), then the epsilon floor. */
    static void toPmf(ActionScores preds, float[] bonuses, int n, float epsilon, float[] scratch) {
        float maxBonus = 1e-3f;
        for (int i = 0; i < n; i++) {
            maxBonus = Math.max(maxBonus, bonuses[i]);
        }
        for (int i = 0; i < preds.size; i++) {
            preds.score[i] -= EULER_GAMMA * (bonuses[preds.action[i]] - maxBonus);
        }
        Explore.softmax(-1f / maxBonus, preds.score, preds.size, preds.score);
        Explore.enforceMinimumProbability(epsilon, true, preds.score, preds.size, scratch);
    }

    /**
     * The fixed random target of a line, {@code sqrt(invlambda) <x, z> / sqrt(2 max(|x|^2, 1e-12))}, with
     * z drawn from a Gaussian seeded by each feature's index (so it is the same every time).
     */
    static final class RandomTarget implements FeatureWalker.IndexSink {
        private final FeatureWalker walker = new FeatureWalker();
        private float normSquared;
        private float dot;

        float of(Example ec, long offset, float sqrtInvLambda) {
            normSquared = 0f;
            dot = 0f;
            walker.visit(ec, offset, this);
            return sqrtInvLambda * dot / (float) Math.sqrt(2f * Math.max(1e-12f, normSquared));
        }

        @Override
        public void feature(long index, float value) {
            normSquared += value * value;
            dot += value * RandState.gaussianAt(index);
        }
    }

    /** The line whose label carries an observed cost (cost and positive probability), or -1. */
    private static int labeledLine(List<Example> examples) {
        for (int i = 0, n = examples.size(); i < n; i++) {
            CbLabel label = examples.get(i).cb;
            if (label.size == 1 && label.cost[0] != CbLabel.NO_COST && label.probability[0] > 0f) {
                return i;
            }
        }
        return -1;
    }
}
