package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import java.util.List;

/** Softmax over negated scores with inverse temperature lambda, then an epsilon floor (VW's --softmax). */
public final class SoftmaxExplore extends PmfShaper {
    private final float epsilon;
    private final float lambda;
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
    void shape(List<Example> examples, boolean learning) {
        ActionScores preds = examples.get(0).predActionScores;
        if (scratch.length < preds.size) {
            scratch = new float[preds.size];
        }
        Explore.softmax(-lambda, preds.score, preds.size, preds.score);
        Explore.enforceMinimumProbability(epsilon, true, preds.score, preds.size, scratch);
    }
}
