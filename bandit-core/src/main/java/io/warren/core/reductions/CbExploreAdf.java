package io.warren.core.reductions;

import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * VW's cb_explore_adf_base: the wrapper shared by every exploration strategy. Prediction hides the
 * logged label from the layers below (so the PMF never depends on the outcome being scored), learning
 * runs only on labelled examples, and progressive validation charges the expected IPS cost of the PMF.
 */
public final class CbExploreAdf extends MultiLearner {
    private final MultiLearner base;
    private final ExploreStrategy strategy;
    private final KnownCost knownCost = new KnownCost();
    private final CbLabel stashedLabel = new CbLabel();

    public CbExploreAdf(MultiLearner base, ExploreStrategy strategy) {
        super(strategy.name());
        this.base = base;
        this.strategy = strategy;
    }

    public ExploreStrategy strategy() {
        return strategy;
    }

    public KnownCost knownCost() {
        return knownCost;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return strategy.learnReturnsPrediction(base);
    }

    @Override
    public void predict(List<Example> examples) {
        int labeled = KnownCost.labeledLine(examples, false);
        knownCost.findIn(examples);
        Example labelExample = labeled >= 0 ? examples.get(labeled) : null;
        if (labelExample != null) {
            stashedLabel.copyFrom(labelExample.cb);
            labelExample.cb.clear();
        }
        strategy.predict(base, examples);
        if (labelExample != null) {
            labelExample.cb.copyFrom(stashedLabel);
        }
    }

    @Override
    public void learn(List<Example> examples) {
        if (KnownCost.labeledLine(examples, false) >= 0) {
            knownCost.findIn(examples);
            strategy.learn(base, examples);
        } else {
            predict(examples);
        }
    }
}
