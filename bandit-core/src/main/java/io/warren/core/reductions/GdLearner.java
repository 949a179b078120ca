package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.learn.GradientDescent;
import io.warren.core.learn.SingleLearner;
import java.util.List;

/** The bottom of every stack: VW's "gd" learner over the weight table. */
public final class GdLearner extends SingleLearner {
    private final GradientDescent gd;

    public GdLearner(GradientDescent gd) {
        super("gd");
        this.gd = gd;
    }

    public GradientDescent gd() {
        return gd;
    }

    @Override
    public void learn(Example ec) {
        gd.learn(ec);
    }

    @Override
    public void predict(Example ec) {
        gd.predict(ec);
    }

    @Override
    public void predictAll(List<Example> batch) {
        gd.predictAll(batch);
    }

    @Override
    public void learnAll(List<Example> batch) {
        gd.learnAll(batch);
    }

    @Override
    public void update(Example ec) {
        gd.update(ec);
    }

    @Override
    public float sensitivity(Example ec) {
        return gd.sensitivity(ec);
    }
}
