package io.warren.core.learn;

import io.warren.core.example.Example;
import java.util.List;

/**
 * A reduction over multi-line examples (a shared line plus one line per action). Offsets shift per
 * model as in {@link SingleLearner}. {@link #learnReturnsPrediction()} tells the driver whether
 * {@code learn} leaves a usable prediction or whether it must call {@code predict} first, as VW does.
 */
public abstract class MultiLearner {
    private final String name;
    protected long increment;

    protected MultiLearner(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public abstract void learn(List<Example> examples);

    public abstract void predict(List<Example> examples);

    public abstract boolean learnReturnsPrediction();

    public final void learn(List<Example> examples, int model) {
        shift(examples, increment * model);
        learn(examples);
        shift(examples, -increment * model);
    }

    public final void predict(List<Example> examples, int model) {
        shift(examples, increment * model);
        predict(examples);
        shift(examples, -increment * model);
    }

    private static void shift(List<Example> examples, long delta) {
        if (delta != 0) {
            for (int i = 0, n = examples.size(); i < n; i++) {
                examples.get(i).ftOffset += delta;
            }
        }
    }

    public long increment() {
        return increment;
    }

    /** Set once by the stack builder: feature widths of this layer and below, times the stride. */
    public void setIncrement(long value) {
        increment = value;
    }
}
