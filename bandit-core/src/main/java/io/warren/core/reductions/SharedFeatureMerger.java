package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * VW's shared_feature_merger: when the first line is a {@code shared} header, its features (not its
 * constant) are appended to every action line for the layers below, and the header is taken out of
 * the sequence; afterwards everything is put back and the prediction is moved onto the header, which
 * is where the output code reads it.
 */
public final class SharedFeatureMerger extends MultiLearner {
    private final MultiLearner base;

    public SharedFeatureMerger(MultiLearner base) {
        super("shared_feature_merger");
        this.base = base;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return base.learnReturnsPrediction();
    }

    @Override
    public void learn(List<Example> examples) {
        run(examples, true);
    }

    @Override
    public void predict(List<Example> examples) {
        run(examples, false);
    }

    private void run(List<Example> examples, boolean learn) {
        if (examples.isEmpty()) {
            throw new io.warren.core.parse.InputException("cb_adf: at least one action must be provided");
        }
        Example shared = examples.get(0).cb.isHeader() ? examples.remove(0) : null;
        if (shared != null) {
            for (int i = 0, n = examples.size(); i < n; i++) {
                examples.get(i).appendNamespacesFrom(shared);
            }
            if (!examples.isEmpty()) {
                swapPredictionAndTag(examples.get(0), shared);
            }
        }
        try {
            if (!examples.isEmpty()) {
                if (learn) {
                    base.learn(examples);
                } else {
                    base.predict(examples);
                }
            }
        } finally {
            if (shared != null) {
                for (int i = 0, n = examples.size(); i < n; i++) {
                    examples.get(i).truncateNamespacesFrom(shared);
                }
                if (!examples.isEmpty()) {
                    swapPredictionAndTag(shared, examples.get(0));
                }
                examples.add(0, shared);
            }
        }
    }

    private static void swapPredictionAndTag(Example a, Example b) {
        ActionScores scores = a.predActionScores;
        a.predActionScores = b.predActionScores;
        b.predActionScores = scores;
        byte[] tag = a.tag;
        int tagLength = a.tagLength;
        a.tag = b.tag;
        a.tagLength = b.tagLength;
        b.tag = tag;
        b.tagLength = tagLength;
    }
}
