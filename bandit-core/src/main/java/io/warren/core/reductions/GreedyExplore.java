package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * Epsilon-greedy (VW's cb_explore_adf_greedy, the default): epsilon spread evenly, the rest shared by
 * the actions tied for the best score (or all on the first with {@code --first_only}).
 */
public final class GreedyExplore implements ExploreStrategy {
    private final float epsilon;
    private final boolean firstOnly;

    public GreedyExplore(float epsilon, boolean firstOnly) {
        this.epsilon = epsilon;
        this.firstOnly = firstOnly;
    }

    @Override
    public String name() {
        return "cb_explore_adf_greedy";
    }

    @Override
    public boolean cbAdfNoPredict(boolean cbAdfGiven) {
        return !cbAdfGiven;
    }

    @Override
    public boolean learnReturnsPrediction(MultiLearner base) {
        return base.learnReturnsPrediction();
    }

    @Override
    public void predict(MultiLearner base, List<Example> examples) {
        base.predict(examples);
        toPmf(examples.get(0).predActionScores);
    }

    @Override
    public void learn(MultiLearner base, List<Example> examples) {
        base.learn(examples);
        if (base.learnReturnsPrediction()) {
            toPmf(examples.get(0).predActionScores);
        }
    }

    private void toPmf(ActionScores preds) {
        int n = preds.size;
        int tied = tiedWithFirst(preds);
        float prob = epsilon / n;
        for (int i = 0; i < n; i++) {
            preds.score[i] = prob;
        }
        if (!firstOnly) {
            for (int i = 0; i < tied; i++) {
                preds.score[i] += (1f - epsilon) / tied;
            }
        } else {
            preds.score[0] += 1f - epsilon;
        }
    }

    /** How many leading scores equal the first (VW's fill_tied, relative tolerance 1e-4). */
    static int tiedWithFirst(ActionScores preds) {
        if (preds.size == 0) {
            return 0;
        }
        int tied = 1;
        for (int i = 1; i < preds.size; i++) {
            if (Explore.sameRelative(preds.score[i], preds.score[0])) {
                tied++;
            } else {
                break;
            }
        }
        return tied;
    }
}
