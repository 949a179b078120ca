package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SingleLearner;
import io.warren.core.model.ModelState;
import java.util.Arrays;
import java.util.List;

/**
 * Online cover (VW's --cover n; Agarwal, Hsu, Kale, Langford, Li and Schapire, "Taming the Monster",
 * 2014): n policies, each adding {@code 1/n} to the action it ranks first (split over ties). Policy 0
 * is the cb_adf learner; policies 1..n-1 are extra cost-sensitive rankers trained on
 * {@code c_a - psi * pmin / (max(p_a, pmin) / norm)}, the DR (or IPS) cost estimate minus a bonus for
 * actions the policies before it rarely pick, so later policies cover the gaps.
 *
 * <p>{@code pmin} is {@code epsilon / K}, or with a decaying epsilon (no --epsilon given)
 * {@code min(1/K, 1/sqrt(t K))} after t learned examples; the final PMF is floored at {@code pmin}
 * ({@code --nounif} leaves zero-probability actions at zero). With --cb_type mtr, the DR estimates
 * come from an extra regressor (scorer model 1) that this layer trains itself; with dr it reads the
 * one cb_adf trains. Like VW, the ranking used to break probability ties sums the policies' scores by
 * rank position, not by action.
 */
public final class CoverExplore implements ExploreStrategy {
    private final int coverSize;
    private final float psi;
    private final boolean noUniform;
    private final float epsilon;
    private final boolean epsilonDecay;
    private final boolean firstOnly;
    private final CbType cbType;
    private final Multiline multiline = new Multiline();
    private final KnownCost known = new KnownCost();
    private MultiLearner csoaa;
    private SingleLearner scorer;
    private long counter;
    private float[] probs = new float[16];
    private float[] rankScores = new float[16];
    private float[] costs = new float[16];
    private float[] pseudoCosts = new float[16];
    private float[] scratch = new float[16];

    public CoverExplore(int coverSize, float psi, boolean noUniform, float epsilon, boolean epsilonDecay,
                        boolean firstOnly, CbType cbType) {
        this.coverSize = coverSize;
        this.psi = psi;
        this.noUniform = noUniform;
        this.epsilon = epsilon;
        this.epsilonDecay = epsilonDecay;
        this.firstOnly = firstOnly;
        this.cbType = cbType;
    }

    @Override
    public String name() {
        return "cb_explore_adf_cover";
    }

    @Override
    public int featureWidth() {
        return cbType == CbType.MTR ? 2 * (coverSize + 1) : coverSize + 1;
    }

    @Override
    public void attach(CbAdf cbAdf, long increment) {
        csoaa = cbAdf.csoaa();
        scorer = cbAdf.scorer();
    }

    @Override
    public boolean learnReturnsPrediction(MultiLearner base) {
        return true;
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
        ensureCapacity(n);
        if (learn) {
            known.findIn(examples);
            switch (cbType) {
                case MTR -> doublyRobustCosts(examples, true);
                case DR -> doublyRobustCosts(examples, false);
                default -> ipsCosts(examples);
            }
            if (!base.learnReturnsPrediction()) {
                multiline.predict(base, examples, 0);
            }
            multiline.learn(base, examples, 0);
        } else {
            multiline.predict(base, examples, 0);
        }
        ActionScores preds = examples.get(0).predActionScores;
        int numActions = preds.size;
        float additive = 1f / coverSize;
        float minProb = minimumProbability(epsilon, epsilonDecay, counter, numActions);
        Arrays.fill(probs, 0, numActions, 0f);
        System.arraycopy(preds.score, 0, rankScores, 0, numActions);
        vote(preds, additive, minProb, 0f); // policy 0; the normaliser starts from its closed form below
        float norm = minProb * numActions + (additive - minProb);
        for (int i = 1; i < coverSize; i++) {
            if (learn) {
                for (int a = 0; a < numActions; a++) {
                    pseudoCosts[a] = costs[a] - psi * minProb / (Math.max(probs[a], minProb) / norm);
                }
            }
            runPolicy(examples, i + 1, learn);
            for (int j = 0; j < numActions; j++) {
                rankScores[j] += preds.score[j];
            }
            norm = vote(preds, additive, minProb, norm);
        }
        Explore.enforceMinimumProbability(minProb * numActions, !noUniform, probs, numActions, scratch);
        preds.clear();
        for (int a = 0; a < numActions; a++) {
            preds.add(a, probs[a]);
        }
        preds.sortProbabilities(rankScores);
        if (learn) {
            counter++;
        }
    }

    /** {@code epsilon / K}, or with decay {@code min(epsilon / K, epsilon / sqrt(t K))}. */
    static float minimumProbability(float epsilon, boolean decay, long counter, int numActions) {
        float uniform = epsilon / numActions;
        return decay ? Math.min(uniform, epsilon / (float) Math.sqrt((double) (counter * numActions))) : uniform;
    }

    /**
     * Adds one policy's {@code additive} vote to the action(s) it ranks first and returns the updated
     * normaliser: the vote counts in full, except the part that only lifts an action up to pmin.
     */
    private float vote(ActionScores preds, float additive, float minProb, float norm) {
        int tied = firstOnly ? 1 : GreedyExplore.tiedWithFirst(preds);
        float share = additive / tied;
        for (int j = 0; j < tied; j++) {
            int a = preds.action[j];
            norm += probs[a] < minProb ? Math.max(0f, share - (minProb - probs[a])) : share;
            probs[a] += share;
        }
        return norm;
    }

    /** Policy {@code id}: csoaa_ldf at model id, trained on the pseudo-costs (or only ranking). */
    private void runPolicy(List<Example> examples, int id, boolean learn) {
        long offset = examples.get(0).ftOffset;
        for (int i = 0, n = examples.size(); i < n; i++) {
            Example ec = examples.get(i);
            ec.csClass = i;
            ec.csCost = learn ? pseudoCosts[i] : Example.NO_LABEL;
            ec.csPartialPrediction = 0f;
            ec.ftOffset = offset;
        }
        csoaa.predict(examples, id);
        if (learn) {
            csoaa.learn(examples, id);
        }
        for (int i = 0, n = examples.size(); i < n; i++) {
            examples.get(i).ftOffset = offset;
        }
    }

    /**
     * DR cost per line: the regressor's estimate (scorer model 1), corrected on the logged line by
     * {@code (cost - estimate) / p}. With {@code fit}, the logged line first trains the regressor.
     */
    private void doublyRobustCosts(List<Example> examples, boolean fit) {
        for (int i = 0, n = examples.size(); i < n; i++) {
            Example ec = examples.get(i);
            if (i == known.action) {
                ec.simpleLabel = known.cost;
                if (fit) {
                    float weight = ec.weight;
                    ec.weight /= known.probability;
                    scorer.learn(ec, 1);
                    ec.weight = weight;
                } else {
                    scorer.predict(ec, 1);
                }
            } else {
                ec.simpleLabel = Example.NO_LABEL;
                scorer.predict(ec, 1);
            }
            float x = ec.predScalar;
            if (known.probability != -1f && known.action == i) {
                x += (known.cost - x) / known.probability;
            }
            costs[i] = x;
        }
    }

    /** IPS cost per line: {@code cost / p} on the logged line, 0 elsewhere. */
    private void ipsCosts(List<Example> examples) {
        for (int i = 0, n = examples.size(); i < n; i++) {
            CbLabel label = examples.get(i).cb;
            costs[i] = 0f;
            if (label.size == 1 && label.cost[0] != CbLabel.NO_COST) {
                float p = label.probability[0];
                costs[i] = label.cost[0] / (p <= 0f ? 1e-3f : p);
            }
        }
    }

    private void ensureCapacity(int n) {
        if (probs.length < n) {
            probs = new float[n];
            rankScores = new float[n];
            costs = new float[n];
            pseudoCosts = new float[n];
            scratch = new float[n];
        }
    }

    @Override
    public void save(ModelState state) {
        state.putLong("cover.counter", counter);
    }

    @Override
    public void load(ModelState state) {
        counter = state.getLong("cover.counter", counter);
    }
}
