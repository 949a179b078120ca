package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.warren.core.example.ActionScores;
import io.warren.core.example.ExpandedFeatures;
import org.junit.jupiter.api.Test;

class RndExploreTest {
    private static ExpandedFeatures features(float scale) {
        ExpandedFeatures f = new ExpandedFeatures();
        f.add(16, 1f * scale);
        f.add(48, -2f * scale);
        f.add(1024, 0.5f * scale);
        return f;
    }

    @Test
    void rndFavoursActionsWithALargerErrorBonus() {
        ActionScores preds = new ActionScores();
        preds.add(0, 0.5f);
        preds.add(1, 0.5f);

        RndExplore.toPmf(preds, new float[] {0.1f, 0.5f}, 2, 0f, new float[2]);

        assertThat(preds.score[1]).isGreaterThan(preds.score[0]);
        assertThat(preds.score[0] + preds.score[1]).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void rndWithEqualBonusesIsASoftmaxOverCosts() {
        ActionScores preds = new ActionScores();
        preds.add(0, 0.0f);
        preds.add(1, 0.2f);

        RndExplore.toPmf(preds, new float[] {0.2f, 0.2f}, 2, 0f, new float[2]);

        double expected = 1.0 / (1.0 + Math.exp(-1.0));
        assertThat((double) preds.score[0]).isCloseTo(expected, within(1e-6));
    }

    @Test
    void rndTargetIgnoresTheScaleOfTheFeatures() {
        float small = RndExplore.randomTarget(features(1f), 0, 1f);
        float large = RndExplore.randomTarget(features(10f), 0, 1f);

        assertThat(large).isCloseTo(small, within(1e-5f));
    }

    @Test
    void rndTargetDependsOnTheModelOffset() {
        float first = RndExplore.randomTarget(features(1f), 8, 1f);
        float second = RndExplore.randomTarget(features(1f), 16, 1f);

        assertThat(first).isNotEqualTo(second);
        assertThat(RndExplore.randomTarget(features(1f), 8, 1f)).isEqualTo(first);
    }
}
