package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.model.ModelState;
import java.util.List;

/** Explore-first (VW's --first tau): uniform for the first tau learned examples, then greedy. */
public final class FirstExplore extends PmfShaper {
    private long tau;
    private final float epsilon;
    private float[] scratch = new float[16];

    public FirstExplore(long tau, float epsilon) {
        this.tau = tau;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "cb_explore_adf_first";
    }

    @Override
    void shape(List<Example> examples, boolean learning) {
        ActionScores preds = examples.get(0).predActionScores;
        int n = preds.size;
        if (tau > 0) {
            float prob = 1f / n;
            for (int i = 0; i < n; i++) {
                preds.score[i] = prob;
            }
            if (learning) {
                tau--;
            }
        } else {
            for (int i = 1; i < n; i++) {
                preds.score[i] = 0f;
            }
            preds.score[0] = 1f;
        }
        if (scratch.length < n) {
            scratch = new float[n];
        }
        Explore.enforceMinimumProbability(epsilon, true, preds.score, n, scratch);
    }

    @Override
    public void save(ModelState state) {
        state.putLong("first.tau", tau);
    }

    @Override
    public void load(ModelState state) {
        tau = state.getLong("first.tau", tau);
    }
}
