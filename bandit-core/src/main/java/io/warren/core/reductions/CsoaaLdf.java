package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SingleLearner;
import java.util.List;

/**
 * VW's csoaa_ldf in multiline regression mode with ranking ({@code --csoaa_ldf m --csoaa_rank}):
 * each action line is a regression example whose label is its cost; prediction scores every line
 * and returns all actions sorted by ascending score (lower cost first) on the first line.
 */
public final class CsoaaLdf extends MultiLearner {
    private final SingleLearner base;
    private final ActionScores ranking = new ActionScores();
    /** Each line's own weight offset while the batch is learned or predicted at the sequence's offset. */
    private long[] ownOffsets = new long[16];
    /** Each line's importance weight, put back after learning. */
    private float[] ownWeights = new float[16];

    public CsoaaLdf(SingleLearner base) {
        super("csoaa_ldf-rank");
        this.base = base;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return false;
    }

    @Override
    public void learn(List<Example> examples) {
        if (examples.isEmpty() || isTestSequence(examples)) {
            return;
        }
        long offset = examples.get(0).ftOffset;
        int n = examples.size();
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            Example ec = examples.get(i);
            ownOffsets[i] = ec.ftOffset;
            ownWeights[i] = ec.weight;
            ec.simpleLabel = ec.csCost;
            ec.initial = 0f;
            ec.ftOffset = offset;
        }
        base.learnAll(examples);
        for (int i = 0; i < n; i++) {
            Example ec = examples.get(i);
            ec.ftOffset = ownOffsets[i];
            ec.weight = ownWeights[i];
            ec.partialPrediction = ec.csPartialPrediction;
        }
    }

    @Override
    public void predict(List<Example> examples) {
        if (examples.isEmpty()) {
            return;
        }
        long offset = examples.get(0).ftOffset;
        int n = examples.size();
        ensureCapacity(n);
        for (int i = 0; i < n; i++) {
            ownOffsets[i] = prepareForPrediction(examples.get(i), offset);
        }
        base.predictAll(examples);
        ranking.clear();
        for (int i = 0; i < n; i++) {
            rank(examples.get(i), ownOffsets[i]);
        }
        ranking.sortByScoreThenAction();
        examples.get(0).predActionScores.copyFrom(ranking);
    }

    private void ensureCapacity(int n) {
        if (ownOffsets.length < n) {
            ownOffsets = new long[n];
            ownWeights = new float[n];
        }
    }

    /** Sets the line up for a prediction at the sequence's offset; returns its own offset to restore. */
    private static long prepareForPrediction(Example ec, long offset) {
        long own = ec.ftOffset;
        ec.simpleLabel = Example.NO_LABEL;
        ec.initial = 0f;
        ec.ftOffset = offset;
        return own;
    }

    private void rank(Example ec, long ownOffset) {
        ec.ftOffset = ownOffset;
        ec.csPartialPrediction = ec.partialPrediction;
        ranking.add(ec.csClass, ec.partialPrediction);
    }

    /** Test when any line lacks a cost (VW warns about a mix of train and test lines and predicts). */
    private static boolean isTestSequence(List<Example> examples) {
        boolean test = examples.get(0).csCost == Example.NO_LABEL;
        for (int i = 0, n = examples.size(); i < n; i++) {
            if ((examples.get(i).csCost == Example.NO_LABEL) != test) {
                return true;
            }
        }
        return test;
    }
}
