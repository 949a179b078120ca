package io.warren.core.learn;

import io.warren.core.example.Example;
import java.util.List;

/**
 * A reduction over single examples (VW's single-line learner). {@code learn(ec, i)} runs model
 * {@code i} of this learner: it shifts the example's weight offset by {@code i * increment}, where
 * the increment is the product of the feature widths of this learner and those below it (times the
 * weight stride), exactly as VW interleaves the weights of multiple models.
 */
public abstract class SingleLearner {
    private final String name;
    protected long increment;

    protected SingleLearner(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public abstract void learn(Example ec);

    public abstract void predict(Example ec);

    /**
     * Predicts every example of the batch, with the same results as predicting each in turn; layers that
     * pass the batch down let gd score examples with shared feature indices together.
     */
    public void predictAll(List<Example> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            predict(batch.get(i));
        }
    }

    /**
     * Learns every example of the batch in turn, with the same results as learning each; layers that pass
     * the batch down let gd learn examples with shared weight slots together.
     */
    public void learnAll(List<Example> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            learn(batch.get(i));
        }
    }

    /** Gradient step using the prediction already in the example (VW's update); default learns. */
    public void update(Example ec) {
        learn(ec);
    }

    /** How much a unit update would move the prediction (VW's sensitivity). */
    public float sensitivity(Example ec) {
        throw new UnsupportedOperationException(name + " has no sensitivity");
    }

    public final void learn(Example ec, int model) {
        long shift = increment * model;
        ec.ftOffset += shift;
        learn(ec);
        ec.ftOffset -= shift;
    }

    public final void predict(Example ec, int model) {
        long shift = increment * model;
        ec.ftOffset += shift;
        predict(ec);
        ec.ftOffset -= shift;
    }

    public final void update(Example ec, int model) {
        long shift = increment * model;
        ec.ftOffset += shift;
        update(ec);
        ec.ftOffset -= shift;
    }

    public final float sensitivity(Example ec, int model) {
        long shift = increment * model;
        ec.ftOffset += shift;
        float s = sensitivity(ec);
        ec.ftOffset -= shift;
        return s;
    }

    public long increment() {
        return increment;
    }

    /** Set once by the stack builder: feature widths of this layer and below, times the stride. */
    public void setIncrement(long value) {
        increment = value;
    }
}
