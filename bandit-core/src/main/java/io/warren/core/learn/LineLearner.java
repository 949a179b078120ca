package io.warren.core.learn;

import io.warren.core.example.Example;
import java.util.List;

/**
 * A reduction that takes one input line and answers it with a multi-line stack below (VW's
 * cb_to_cbadf and cbify-adf): it builds one example per action from the line, runs them through a
 * {@link MultiLearner}, and puts its prediction back on the line. {@link #learnReturnsPrediction()}
 * tells the driver, as for {@link MultiLearner}, whether it must predict before learning.
 */
public abstract class LineLearner {
    private final String name;

    protected LineLearner(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public abstract void learn(Example ec);

    public abstract void predict(Example ec);

    public abstract boolean learnReturnsPrediction();

    /** The per-action examples built for the last line (reused from line to line). */
    public abstract List<Example> actionExamples();
}
