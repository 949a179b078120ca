package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.learn.LineLearner;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * VW's cb_to_cbadf: runs {@code --cb K} and {@code --cb_explore K} on the ADF stack. Each line
 * ({@code action:cost:probability} words, actions numbered from 1) becomes K action examples carrying
 * the line's features in action-specific weights ({@link AdfActions}); the observed cost goes on the
 * example of the taken action, renumbered from 0. With {@code --cb} the prediction is the best action
 * (from 1); with {@code --cb_explore} it is the exploration PMF.
 */
public final class CbToCbAdf extends LineLearner {
    private final MultiLearner base;
    private final AdfActions actions;
    private final boolean exploreMode;

    public CbToCbAdf(MultiLearner base, AdfActions actions, boolean exploreMode) {
        super("cb_to_cbadf");
        this.base = base;
        this.actions = actions;
        this.exploreMode = exploreMode;
    }

    public boolean exploreMode() {
        return exploreMode;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return true;
    }

    @Override
    public List<Example> actionExamples() {
        return actions.examples();
    }

    @Override
    public void learn(Example ec) {
        run(ec, true);
    }

    @Override
    public void predict(Example ec) {
        run(ec, false);
    }

    private void run(Example ec, boolean learn) {
        actions.copyFrom(ec);
        List<Example> ecs = actions.examples();
        int labeled = placeLabel(ec.cb);
        try {
            if (!base.learnReturnsPrediction() || !learn) {
                base.predict(ecs);
            }
            if (learn) {
                base.learn(ecs);
            }
        } finally {
            if (labeled >= 0) {
                actions.get(labeled).cb.clear();
            }
        }
        ActionScores out = ecs.get(0).predActionScores;
        if (exploreMode) {
            ec.predActionScores.copyFrom(out);
        } else {
            ec.predMulticlass = out.action[0] + 1;
        }
    }

    /**
     * Puts the line's observed cost on its action's example, as {@code (action - 1):cost:probability}
     * with the line's weight. Returns that example's index, or -1 when there is none (a test line, or
     * an action outside 1..K).
     */
    int placeLabel(CbLabel label) {
        if (label.isTest()) {
            return -1;
        }
        int entry = 0;
        if (label.size > 1) {
            while (entry < label.size && !label.hasObservedCost(entry)) {
                entry++;
            }
        }
        int chosen = label.action[entry] - 1;
        if (Integer.compareUnsigned(chosen, actions.size()) >= 0) {
            return -1;
        }
        CbLabel target = actions.get(chosen).cb;
        target.clear();
        target.add(chosen, label.cost[entry], label.probability[entry]);
        target.weight = label.weight;
        return chosen;
    }

    /**
     * Hands the line's prediction back to the first action example, where the ADF reporting reads it
     * (VW's update_stats for this reduction does the same).
     */
    public void syncPrediction(Example ec) {
        if (exploreMode) {
            actions.get(0).predActionScores.copyFrom(ec.predActionScores);
        }
    }
}
