package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SharedData;
import io.warren.core.learn.SingleLearner;
import java.util.ArrayList;
import java.util.List;

/**
 * VW's cb_adf: turns a multi-line contextual-bandit example (one line per action, one of them with
 * the logged {@code cost:probability}) into cost-sensitive regression over the lines, by --cb_type:
 *
 * <ul>
 *   <li>{@code ips}: the taken line's cost is {@code cost/p}, others 0; all lines learn.
 *   <li>{@code dm}: the taken line's cost is the cost, others 0; all lines learn.
 *   <li>{@code dr}: a second regressor (offset model 1) estimates each line's cost; the taken line
 *       is corrected by {@code (cost - estimate)/p}.
 *   <li>{@code mtr} (default): only the taken line learns, toward its cost, with importance weight
 *       {@code (1/p) * events/actions} (so the weight averages to one per example).
 *   <li>{@code sm}: supervised softmax weighting of all lines around the taken one.
 * </ul>
 * Prediction scores every line (lower is better) and ranks them.
 */
public final class CbAdf extends MultiLearner {
    private final MultiLearner base;
    private final SingleLearner scorer;
    private final CbType cbType;
    private final float clipP;
    private final boolean noPredict;
    private final boolean rankAll;
    private final SharedData sd;
    /** Per model slot, as VW's per_model_state: events seen and action lines seen (MTR's weight). */
    private final long[] eventSum;
    private final long[] actionSum;
    private final KnownCost knownCost = new KnownCost();
    /** DR's per-line cost estimates from the last learned example (used for the DR loss estimate). */
    private float[] drScores = new float[8];
    private int drScoreCount;
    private final ActionScores savedPrediction = new ActionScores();
    private final List<Example> mtrSequence = new ArrayList<>(1);
    private final ActionScores smScores = new ActionScores();
    private float[] smProbabilities = new float[8];
    private float[] savedWeights = new float[8];

    public CbAdf(MultiLearner base, SingleLearner scorer, CbType cbType, float clipP, boolean noPredict,
                 boolean rankAll, SharedData sd, int modelCount) {
        super("cb_adf");
        this.base = base;
        this.scorer = scorer;
        this.cbType = cbType;
        this.clipP = clipP;
        this.noPredict = noPredict;
        this.rankAll = rankAll;
        this.sd = sd;
        this.eventSum = new long[modelCount];
        this.actionSum = new long[modelCount];
    }

    public CbType cbType() {
        return cbType;
    }

    /** The cost-sensitive ranker below (csoaa_ldf), for strategies that train policies of their own. */
    public MultiLearner csoaa() {
        return base;
    }

    /** The regression layer (scorer), for strategies that fit cost estimates or query sensitivities. */
    public SingleLearner scorer() {
        return scorer;
    }

    public boolean rankAll() {
        return rankAll;
    }

    public KnownCost knownCost() {
        return knownCost;
    }

    public long[] eventSum() {
        return eventSum;
    }

    public long[] actionSum() {
        return actionSum;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return (cbType == CbType.MTR && !noPredict) || cbType != CbType.MTR;
    }

    @Override
    public void learn(List<Example> examples) {
        if (KnownCost.labeledLine(examples, false) >= 0) {
            knownCost.findIn(examples);
            switch (cbType) {
                case IPS -> learnIps(examples);
                case DM -> learnDm(examples);
                case DR -> learnDr(examples);
                case MTR -> learnMtr(examples, !noPredict);
                case SM -> learnSm(examples);
            }
        } else if (learnReturnsPrediction()) {
            predict(examples);
        }
    }

    @Override
    public void predict(List<Example> examples) {
        knownCost.findIn(examples);
        long offset = examples.get(0).ftOffset;
        for (int i = 0, n = examples.size(); i < n; i++) {
            setCsLabel(examples.get(i), i, CbLabel.NO_COST, offset);
        }
        base.predict(examples);
        restoreOffsets(examples, offset);
    }

    private void learnIps(List<Example> examples) {
        long offset = examples.get(0).ftOffset;
        for (int i = 0, n = examples.size(); i < n; i++) {
            Example ec = examples.get(i);
            float x = 0f;
            if (ec.cb.size == 1 && ec.cb.cost[0] != CbLabel.NO_COST) {
                x = ec.cb.cost[0] / safeProbability(Math.max(ec.cb.probability[0], clipP));
            }
            setCsLabel(ec, i, x, offset);
        }
        predictThenLearn(examples, offset);
    }

    private void learnDm(List<Example> examples) {
        long offset = examples.get(0).ftOffset;
        for (int i = 0, n = examples.size(); i < n; i++) {
            Example ec = examples.get(i);
            float x = ec.cb.size == 1 && ec.cb.cost[0] != CbLabel.NO_COST ? ec.cb.cost[0] : 0f;
            setCsLabel(ec, i, x, offset);
        }
        predictThenLearn(examples, offset);
    }

    private void learnDr(List<Example> examples) {
        long offset = examples.get(0).ftOffset;
        int n = examples.size();
        if (drScores.length < n) {
            drScores = new float[n];
        }
        drScoreCount = 0;
        for (int i = 0; i < n; i++) {
            Example ec = examples.get(i);
            float estimate;
            if (knownCost.action == i) {
                ec.simpleLabel = knownCost.cost;
                float oldWeight = ec.weight;
                ec.weight /= knownCost.probability;
                scorer.learn(ec, 1);
                ec.weight = oldWeight;
            } else {
                ec.simpleLabel = Example.NO_LABEL;
                scorer.predict(ec, 1);
            }
            estimate = ec.predScalar;
            drScores[drScoreCount++] = estimate;
            float x = estimate;
            if (knownCost.probability != -1f && knownCost.action == i) {
                x += (knownCost.cost - x) / Math.max(knownCost.probability, clipP);
            }
            setCsLabel(ec, i, x, offset);
        }
        predictThenLearn(examples, offset);
    }

    private void learnMtr(List<Example> examples, boolean predictFirst) {
        long offset = examples.get(0).ftOffset;
        int model = (int) (offset / scorer.increment());
        if (predictFirst) {
            predict(examples);
            savedPrediction.copyFrom(examples.get(0).predActionScores);
        }
        actionSum[model] += examples.size();
        eventSum[model]++;
        int taken = -1;
        for (int i = 0, n = examples.size(); i < n; i++) {
            CbLabel label = examples.get(i).cb;
            if (label.size == 1 && label.cost[0] != CbLabel.NO_COST) {
                taken = i;
                break;
            }
        }
        Example ec = examples.get(taken);
        long numFeatures = ec.numFeatures;
        float oldWeight = ec.weight;
        float clipped = Math.max(ec.cb.probability[0], clipP);
        ec.weight *= 1f / clipped * ((float) eventSum[model] / (float) actionSum[model]);
        setCsLabel(ec, 0, ec.cb.cost[0], offset);
        mtrSequence.clear();
        mtrSequence.add(ec);
        base.learn(mtrSequence);
        ec.ftOffset = offset;
        ec.numFeatures = numFeatures;
        ec.weight = oldWeight;
        if (predictFirst) {
            examples.get(0).predActionScores.copyFrom(savedPrediction);
        }
    }

    private void learnSm(List<Example> examples) {
        long offset = examples.get(0).ftOffset;
        int n = examples.size();
        predict(examples);
        ActionScores scores = examples.get(0).predActionScores;
        smScores.copyFrom(scores);
        float signOffset = 1f;
        int chosen = 0;
        float exampleWeight = 1f;
        for (int i = 0; i < n; i++) {
            CbLabel label = examples.get(i).cb;
            if (label.size == 1 && label.cost[0] != CbLabel.NO_COST) {
                chosen = i;
                exampleWeight = label.cost[0] / safeProbability(label.probability[0]);
                if (label.cost[0] < 0f) {
                    signOffset = -1f;
                    exampleWeight = -exampleWeight;
                }
                break;
            }
        }
        // As in VW, line k gets the label computed for the k-th best action (labels are assigned by
        // position in the ranking, weights below by action).
        for (int k = 0; k < smScores.size; k++) {
            int action = smScores.action[k];
            float x = action == chosen ? smScores.score[k] + signOffset : smScores.score[k] - signOffset;
            x = Math.min(100f, Math.max(-100f, x));
            setCsLabel(examples.get(k), action, x, offset);
        }
        if (smProbabilities.length < smScores.size) {
            smProbabilities = new float[smScores.size];
            savedWeights = new float[smScores.size];
        }
        Explore.softmax(-1f, smScores.score, smScores.size, smProbabilities);
        for (int k = 0; k < smScores.size; k++) {
            if (smScores.action[k] == chosen) {
                exampleWeight *= smProbabilities[k];
                break;
            }
        }
        for (int k = 0; k < smScores.size; k++) {
            Example ec = examples.get(smScores.action[k]);
            savedWeights[k] = ec.weight;
            float p = smProbabilities[k];
            ec.weight *= smScores.action[k] == chosen ? exampleWeight * (1f - p) : exampleWeight * p;
            if (ec.weight <= 1e-15) {
                ec.weight = 0f;
            }
        }
        base.learn(examples);
        restoreOffsets(examples, offset);
        for (int k = 0; k < smScores.size; k++) {
            examples.get(smScores.action[k]).weight = savedWeights[k];
        }
    }

    private void predictThenLearn(List<Example> examples, long offset) {
        base.predict(examples);
        restoreOffsets(examples, offset);
        base.learn(examples);
        restoreOffsets(examples, offset);
    }

    private static void setCsLabel(Example ec, int action, float cost, long offset) {
        ec.csClass = action;
        ec.csCost = cost;
        ec.csPartialPrediction = 0f;
        ec.ftOffset = offset;
    }

    private static void restoreOffsets(List<Example> examples, long offset) {
        for (int i = 0, n = examples.size(); i < n; i++) {
            examples.get(i).ftOffset = offset;
        }
    }

    private static float safeProbability(float p) {
        return p <= 0f ? 1e-3f : p;
    }

    /**
     * The progressive-validation loss of this example: the DR estimate when DR scores exist,
     * otherwise IPS, of the top-ranked action (VW's cb_adf::update_statistics).
     */
    public float lossOf(int chosenAction) {
        if (cbType == CbType.DR && drScoreCount > 0) {
            if (chosenAction < drScoreCount) {
                float estimate = drScores[chosenAction];
                return knownCost.action == chosenAction
                        ? (knownCost.cost - estimate) / knownCost.probability + estimate
                        : estimate;
            }
        }
        return knownCost.ipsEstimate(chosenAction);
    }
}
