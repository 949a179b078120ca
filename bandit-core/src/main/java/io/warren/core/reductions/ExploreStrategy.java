package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * One way of turning the cb_adf scores into a probability mass function (greedy, softmax, bag, ...).
 * {@link CbExploreAdf} does the shared work around it: hiding the label at prediction, statistics,
 * output. Implementations leave the PMF in {@code examples.get(0).predActionScores}.
 */
public interface ExploreStrategy {
    /** VW's learner name, as printed in "Enabled learners". */
    String name();

    void predict(MultiLearner base, List<Example> examples);

    void learn(MultiLearner base, List<Example> examples);

    boolean learnReturnsPrediction(MultiLearner base);

    /**
     * Whether cb_adf below should skip its own prediction inside learn because the driver already
     * predicted (VW inserts --no_predict for greedy when --cb_adf is not given, and for bag always).
     */
    default boolean cbAdfNoPredict(boolean cbAdfGiven) {
        return false;
    }

    /** Number of weight vectors this strategy keeps below it (bag size, cover size + 1, ...). */
    default int featureWidth() {
        return 1;
    }

    /**
     * Called once the stack is built, with the cb_adf layer below and the weight offset increment of
     * the exploration layer itself, for strategies that reach past cb_adf or index their own models.
     */
    default void attach(CbAdf cbAdf, long increment) {}

    /** Writes the strategy's own state (counters) into a model. */
    default void save(io.warren.core.model.ModelState state) {}

    default void load(io.warren.core.model.ModelState state) {}
}
