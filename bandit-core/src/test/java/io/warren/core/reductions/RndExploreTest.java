package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.example.Features;
import org.junit.jupiter.api.Test;

class RndExploreTest {
    private static Example features(float scale) {
        Example ec = new Example();
        ec.addIndex('a');
        Features f = ec.features('a');
        f.push(1f * scale, 16);
        f.push(-2f * scale, 48);
        f.push(0.5f * scale, 1024);
        return ec;
    }

    private static float target(Example ec, long offset) {
        return new RndExplore.RandomTarget().of(ec, offset, 1f);
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
        float small = target(features(1f), 0);
        float large = target(features(10f), 0);

        assertThat(large).isCloseTo(small, within(1e-5f));
    }

    @Test
    void rndTargetDependsOnTheModelOffset() {
        float first = target(features(1f), 8);
        float second = target(features(1f), 16);

        assertThat(first).isNotEqualTo(second);
        assertThat(target(features(1f), 8)).isEqualTo(first);
    }
}
