package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.ActionScores;
import org.junit.jupiter.api.Test;

class RegCbExploreTest {
    private static ActionScores ranked(int... actions) {
        ActionScores preds = new ActionScores();
        for (int a : actions) {
            preds.add(a, 0.5f);
        }
        return preds;
    }

    @Test
    void regcbIsUniformOverActionsThatCouldStillBeBest() {
        ActionScores preds = ranked(0, 1, 2);
        float[] lower = {0.1f, 0.3f, 0.6f};
        float[] upper = {0.5f, 0.9f, 1.0f};

        RegCbExplore.eliminationPmf(preds, lower, upper, new float[3]);

        assertThat(preds.score[0]).isEqualTo(0.5f);
        assertThat(preds.score[1]).isEqualTo(0.5f);
        assertThat(preds.score[2]).isZero();
    }

    @Test
    void regcbOptPutsAllMassOnTheLowestLowerBound() {
        ActionScores preds = ranked(2, 0, 1);
        float[] lower = {0.4f, 0.2f, 0.3f};

        RegCbExplore.optimisticPmf(preds, lower, false);

        assertThat(preds.score).startsWith(0f, 0f, 1f);
    }

    @Test
    void regcbOptGivesTiedActionsProbabilityOneUnlessFirstOnly() {
        float[] lower = {0.2f, 0.2f, 0.3f};
        ActionScores all = ranked(0, 1, 2);
        ActionScores first = ranked(0, 1, 2);

        RegCbExplore.optimisticPmf(all, lower, false);
        RegCbExplore.optimisticPmf(first, lower, true);

        assertThat(all.score).startsWith(1f, 1f, 0f);
        assertThat(first.score).startsWith(1f, 0f, 0f);
    }
}
