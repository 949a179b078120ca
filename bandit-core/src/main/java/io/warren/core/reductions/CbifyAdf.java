package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.hash.Murmur3;
import io.warren.core.learn.LineLearner;
import io.warren.core.learn.MultiLearner;
import io.warren.core.parse.InputException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * VW's cbify in ADF mode ({@code --cbify K} with cb_explore_adf): turns multiclass data into a
 * simulated bandit. Prediction builds K action examples from the line ({@link AdfActions}), asks the
 * exploration stack for a PMF and samples one action from it with VW's seeded generator (seed
 * {@code hash("vw") + n} for the n-th prediction); learning charges the sampled action {@code loss0}
 * when it is the true class and {@code loss1} otherwise, and learns from that one observation with the
 * probability it was sampled with. The prediction is the sampled action (from 1).
 */
public final class CbifyAdf extends LineLearner {
    /** VW's app_seed: uniform_hash("vw", 2, 0). */
    static final long APP_SEED = Murmur3.hash("vw".getBytes(StandardCharsets.US_ASCII), 0);

    private final MultiLearner base;
    private final AdfActions actions;
    private final float loss0;
    private final float loss1;
    private final boolean flipLossSign;
    private long exampleCounter;
    private int chosenIndex;

    public CbifyAdf(MultiLearner base, AdfActions actions, float loss0, float loss1, boolean flipLossSign) {
        super("cbify-adf");
        this.base = base;
        this.actions = actions;
        this.loss0 = loss0;
        this.loss1 = loss1;
        this.flipLossSign = flipLossSign;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return false;
    }

    @Override
    public List<Example> actionExamples() {
        return actions.examples();
    }

    /** Predictions made so far (the sampling seed's counter). */
    public long exampleCounter() {
        return exampleCounter;
    }

    @Override
    public void predict(Example ec) {
        actions.copyFrom(ec);
        List<Example> ecs = actions.examples();
        base.predict(ecs);
        ActionScores pmf = ecs.get(0).predActionScores;
        if (pmf.size == 0) {
            throw new InputException("Failed to sample from pdf");
        }
        chosenIndex = Explore.sampleAfterNormalizing(APP_SEED + exampleCounter++, pmf.score, pmf.size);
        ec.predMulticlass = pmf.action[chosenIndex] + 1;
    }

    /** Learns from the action the preceding {@link #predict} sampled for this line. */
    @Override
    public void learn(Example ec) {
        ActionScores pmf = actions.get(0).predActionScores;
        int action = pmf.action[chosenIndex] + 1;
        float probability = pmf.score[chosenIndex];
        if (action == 0) {
            throw new InputException("No action with non-zero probability found.");
        }
        CbLabel label = actions.get(action - 1).cb;
        label.clear();
        label.add(action, loss(ec.multi.label, action), probability);
        base.learn(actions.examples());
    }

    /** The simulated cost of predicting {@code action} when the true class is {@code trueClass}. */
    float loss(int trueClass, int action) {
        float sign = flipLossSign ? -1f : 1f;
        return trueClass != action ? sign * loss1 : sign * loss0;
    }
}
