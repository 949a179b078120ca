package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/** Softmax over negated scores with inverse temperature lambda, then an epsilon floor (VW's --softmax). */
public final class SoftmaxExplore implements ExploreStrategy {
    private final float epsilon;
    private final float lambda;
    private final Multiline multiline = new Multiline();
    private float[] scratch = new float[16];

    public SoftmaxExplore(float epsilon, float lambda) {
        this.epsilon = epsilon;
        this.lambda = lambda;
    }

    @Override
    public String name() {
        return "cb_explore_adf_softmax";
    }

    @Override
    public boolean learnReturnsPrediction(MultiLearner base) {
        return false;
    }

    @Override
    public void predict(MultiLearner base, List<Example> examples) {
        multiline.predict(base, examples, 0);
        toPmf(examples.get(0).predActionScores);
    }

    @Override
    public void learn(MultiLearner base, List<Example> examples) {
        multiline.learn(base, examples, 0);
        toPmf(examples.get(0).predActionScores);
    }

    private void toPmf(ActionScores preds) {
        if (scratch.length < preds.size) {
            scratch = new float[preds.size];
        }
        Explore.softmax(-lambda, preds.score, preds.size, preds.score);
        Explore.enforceMinimumProbability(epsilon, true, preds.score, preds.size, scratch);
    }
}
