package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.learn.SharedData;
import io.warren.core.learn.SingleLearner;
import java.util.List;

/**
 * VW's scorer with the identity link: widens the observed label range on learn (gd clips predictions
 * to it) and learns only labelled examples with positive weight; others are just predicted.
 */
public final class Scorer extends SingleLearner {
    private final SingleLearner base;
    private final SharedData sd;

    public Scorer(SingleLearner base, SharedData sd) {
        super("scorer-identity");
        this.base = base;
        this.sd = sd;
    }

    @Override
    public void learn(Example ec) {
        sd.noteLabel(ec.simpleLabel);
        if (ec.simpleLabel != Example.NO_LABEL && ec.weight > 0) {
            base.learn(ec);
        } else {
            base.predict(ec);
        }
    }

    /**
     * Passes the batch down when learning it line by line would: every line labelled with positive weight
     * and every label already inside the observed range, so noting them all first changes nothing.
     */
    @Override
    public void learnAll(List<Example> batch) {
        for (int i = 0, n = batch.size(); i < n; i++) {
            Example ec = batch.get(i);
            if (ec.simpleLabel == Example.NO_LABEL || !(ec.weight > 0) || !sd.labelInRange(ec.simpleLabel)) {
                super.learnAll(batch);
                return;
            }
        }
        base.learnAll(batch);
    }

    @Override
    public void predict(Example ec) {
        base.predict(ec);
    }

    @Override
    public void predictAll(List<Example> batch) {
        base.predictAll(batch);
    }

    @Override
    public void update(Example ec) {
        sd.noteLabel(ec.simpleLabel);
        base.update(ec);
    }

    @Override
    public float sensitivity(Example ec) {
        return base.sensitivity(ec);
    }
}
