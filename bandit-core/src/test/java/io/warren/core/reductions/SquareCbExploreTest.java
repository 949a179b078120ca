package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.warren.core.example.ActionScores;
import org.junit.jupiter.api.Test;

class SquareCbExploreTest {
    private static ActionScores costs(float... sortedCosts) {
        ActionScores preds = new ActionScores();
        for (int a = 0; a < sortedCosts.length; a++) {
            preds.add(a, sortedCosts[a]);
        }
        return preds;
    }

    @Test
    void squarecbPutsMostMassOnBestAction() {
        ActionScores preds = costs(0.2f, 0.5f, 1.0f);

        SquareCbExplore.inverseGapWeighting(preds, 10f);

        assertThat(preds.score[1]).isCloseTo(1f / 6f, within(1e-6f));
        assertThat(preds.score[2]).isCloseTo(1f / 11f, within(1e-6f));
        assertThat(preds.score[0]).isCloseTo(1f - 1f / 6f - 1f / 11f, within(1e-6f));
    }

    @Test
    void squarecbIsUniformBeforeAnyLearning() {
        ActionScores preds = costs(0.2f, 0.5f, 1.0f, 3f);

        SquareCbExplore.inverseGapWeighting(preds, 0f);

        assertThat(preds.score).startsWith(0.25f, 0.25f, 0.25f, 0.25f);
    }

    @Test
    void squarecbElimGivesImplausibleActionsNoMass() {
        ActionScores preds = costs(0.2f, 0.4f, 0.9f);
        float[] lower = {0.1f, 0.3f, 0.8f};
        float[] upper = {0.5f, 0.6f, 1.0f};

        SquareCbExplore.inverseGapWeightingOverPlausible(preds, 10f, lower, upper);

        assertThat(preds.score[2]).isZero();
        assertThat(preds.score[1]).isCloseTo(1f / (1 + 10f * 0.2f), within(1e-6f));
        assertThat(preds.score[0] + preds.score[1]).isCloseTo(1f, within(1e-6f));
    }
}
