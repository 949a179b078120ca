package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.learn.SingleLearner;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostRangesTest {
    private static final class FixedSensitivity extends SingleLearner {
        private final float sensitivity;

        FixedSensitivity(float sensitivity) {
            super("fixed");
            this.sensitivity = sensitivity;
        }

        @Override
        public void learn(Example ec) {}

        @Override
        public void predict(Example ec) {}

        @Override
        public float sensitivity(Example ec) {
            return sensitivity;
        }
    }

    private static float lossIncrease(float w, float fhat, float sens) {
        return w * (fhat * fhat - (fhat - sens * w) * (fhat - sens * w));
    }

    @Test
    void largestWeightStaysWithinTheLossBudget() {
        float w = CostRanges.largestWeight(1.5f, 0.1f, 0.2f);

        assertThat(lossIncrease(w, 1.5f, 0.2f)).isLessThanOrEqualTo(0.1f + 1e-5f);
        assertThat(lossIncrease(w + 1e-3f, 1.5f, 0.2f)).isGreaterThan(0.1f);
    }

    @Test
    void largestWeightIsTheFullStepWhenTheBudgetAllowsIt() {
        assertThat(CostRanges.largestWeight(1f, 100f, 0.5f)).isEqualTo(2f);
    }

    @Test
    void largestWeightIsZeroBeforeAnyExampleIsLearned() {
        float delta = CostRanges.delta(0.1f, 3, 0, 0f, 1f);

        assertThat(delta).isNegative().isInfinite();
        assertThat(CostRanges.largestWeight(1f, delta, 0.5f)).isZero();
    }

    @Test
    void rangesBracketThePredictionWithinTheCostBounds() {
        List<Example> examples = List.of(new Example(), new Example());
        ActionScores preds = new ActionScores();
        preds.add(1, 0.2f);
        preds.add(0, 0.7f);
        CostRanges ranges = new CostRanges();

        ranges.compute(0.5f, new FixedSensitivity(0.3f), examples, preds, false, 0f, 1f);

        assertThat(ranges.min[0]).isBetween(0f, 0.7f);
        assertThat(ranges.max[0]).isBetween(0.7f, 1f);
        assertThat(ranges.min[1]).isBetween(0f, 0.2f);
        assertThat(ranges.max[1]).isBetween(0.2f, 1f);
    }

    @Test
    void rangesAreTheWholeCostIntervalWhenSensitivityIsUndefined() {
        List<Example> examples = List.of(new Example());
        ActionScores preds = new ActionScores();
        preds.add(0, 0.4f);
        CostRanges ranges = new CostRanges();

        ranges.compute(0.5f, new FixedSensitivity(Float.NaN), examples, preds, false, 0f, 1f);

        assertThat(ranges.min[0]).isZero();
        assertThat(ranges.max[0]).isEqualTo(1f);
    }
}
