package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SharedData;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoverExploreTest {
    /** Stands in for cb_adf and csoaa_ldf: model {@code id} (read from the offset) ranks actions in a fixed order. */
    private static final class FixedRankings extends MultiLearner {
        private final int[][] rankings;

        FixedRankings(int[][] rankings) {
            super("fixed");
            this.rankings = rankings;
            setIncrement(1);
        }

        @Override
        public void predict(List<Example> examples) {
            ActionScores preds = examples.get(0).predActionScores;
            preds.clear();
            int[] order = rankings[(int) examples.get(0).ftOffset];
            for (int k = 0; k < order.length; k++) {
                preds.add(order[k], k);
            }
        }

        @Override
        public void learn(List<Example> examples) {}

        @Override
        public boolean learnReturnsPrediction() {
            return false;
        }
    }

    private static ActionScores predictWithCover(float epsilon, int[][] rankings) {
        FixedRankings learner = new FixedRankings(rankings);
        CoverExplore cover = new CoverExplore(3, 1f, false, epsilon, false, false, CbType.MTR);
        cover.attach(new CbAdf(learner, null, CbType.MTR, 0f, false, false, new SharedData(), 8), 8);
        List<Example> examples = List.of(new Example(), new Example(), new Example());
        cover.predict(learner, examples);
        return examples.get(0).predActionScores;
    }

    @Test
    void coverGivesEachPolicyAThirdOfTheMassOnItsTopAction() {
        // models 0, 2 and 3 are the three policies of --cover 3 (model 1 is the DR regressor)
        int[][] rankings = {{0, 1, 2}, null, {1, 0, 2}, {1, 2, 0}};

        ActionScores pmf = predictWithCover(0f, rankings);

        assertThat(pmf.action[0]).isEqualTo(1);
        assertThat(pmf.score[0]).isCloseTo(2f / 3f, within(1e-6f));
        assertThat(pmf.action[1]).isEqualTo(0);
        assertThat(pmf.score[1]).isCloseTo(1f / 3f, within(1e-6f));
        assertThat(pmf.score[2]).isZero();
    }

    @Test
    void coverFloorsEveryActionAtEpsilonOverK() {
        int[][] rankings = {{0, 1, 2}, null, {1, 0, 2}, {1, 2, 0}};

        ActionScores pmf = predictWithCover(0.3f, rankings);

        float total = 0f;
        for (int i = 0; i < pmf.size; i++) {
            assertThat(pmf.score[i]).isGreaterThanOrEqualTo(0.1f - 1e-6f);
            total += pmf.score[i];
        }
        assertThat(total).isCloseTo(1f, within(1e-6f));
        assertThat(pmf.action[0]).isEqualTo(1);
    }

    @Test
    void coverFloorDecaysWithTheNumberOfLearnedExamples() {
        assertThat(CoverExplore.minimumProbability(1f, true, 0, 4)).isEqualTo(0.25f);
        assertThat(CoverExplore.minimumProbability(1f, true, 4, 4)).isEqualTo(0.25f);
        assertThat(CoverExplore.minimumProbability(1f, true, 16, 4)).isEqualTo(0.125f);
        assertThat(CoverExplore.minimumProbability(0.2f, false, 16, 4)).isEqualTo(0.05f);
    }
}
