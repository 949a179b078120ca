package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * The strategies that only reshape the scores: run model 0 below (VW's multiline_learn_or_predict),
 * then turn {@code examples.get(0).predActionScores} into a PMF, whether predicting or learning.
 */
abstract class PmfShaper implements ExploreStrategy {
    private final Multiline multiline = new Multiline();

    /** Turns the scores on the first line into probabilities; {@code learning} when it follows a learn. */
    abstract void shape(List<Example> examples, boolean learning);

    @Override
    public final boolean learnReturnsPrediction(MultiLearner base) {
        return false;
    }

    @Override
    public final void predict(MultiLearner base, List<Example> examples) {
        multiline.predict(base, examples, 0);
        shape(examples, false);
    }

    @Override
    public final void learn(MultiLearner base, List<Example> examples) {
        multiline.learn(base, examples, 0);
        shape(examples, true);
    }
}
