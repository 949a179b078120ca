package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.Example;
import io.warren.core.explore.RandState;
import org.junit.jupiter.api.Test;

class CbifyAdfTest {
    private static final long MASK = (1L << 20) - 1;

    private static Example line(int trueClass) {
        Example ec = new Example();
        ec.reset();
        ec.addIndex(' ');
        ec.features(' ').push(1f, 400);
        ec.numFeatures = 1;
        ec.multi.label = trueClass;
        return ec;
    }

    private static RecordingLearner uniform(int k) {
        int[] actions = new int[k];
        float[] p = new float[k];
        for (int i = 0; i < k; i++) {
            actions[i] = i;
            p[i] = 1f / k;
        }
        return new RecordingLearner().answering(actions, p);
    }

    @Test
    void theAppSeedIsVwsHashOfVw() {
        // VW's uniform_hash("vw", 2, 0), the base of every cbify sampling seed.
        assertThat(CbifyAdf.APP_SEED).isEqualTo(0x0337AD8CL);
    }

    @Test
    void samplesFromThePmfWithOneSeedPerPrediction() {
        RecordingLearner base = uniform(10);
        CbifyAdf cbify = new CbifyAdf(base, new AdfActions(10, 4, MASK), 0f, 1f, false);
        for (int n = 0; n < 10; n++) {
            Example ec = line(1);
            cbify.predict(ec);
            int expected = (int) (RandState.peek(CbifyAdf.APP_SEED + n) * 10f) + 1;
            assertThat(ec.predMulticlass).as("prediction %d", n).isEqualTo(expected);
        }
        assertThat(cbify.exampleCounter()).isEqualTo(10);
    }

    @Test
    void theFirstUniformDrawPicksClassFiveAsInVwsCbifyReference() {
        // VW's cbify_squarecb reference run starts with all scores equal (uniform PMF) and predicts 5.
        CbifyAdf cbify = new CbifyAdf(uniform(10), new AdfActions(10, 4, MASK), 0f, 1f, false);
        Example ec = line(1);
        cbify.predict(ec);
        assertThat(ec.predMulticlass).isEqualTo(5);
    }

    @Test
    void learnsTheSampledActionWithLoss1WhenWrongAndItsProbability() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {2, 0, 1}, new float[] {1f, 0f, 0f});
        CbifyAdf cbify = new CbifyAdf(base, new AdfActions(3, 4, MASK), 0f, 1f, false);
        Example ec = line(1);
        cbify.predict(ec);
        assertThat(ec.predMulticlass).isEqualTo(3);
        cbify.learn(ec);
        assertThat(base.calls).containsExactly("predict [-, -, -]", "learn [-, -, 3:1.0:1.0]");
    }

    @Test
    void chargesLoss0WhenTheSampledActionIsTheTrueClass() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {1, 0}, new float[] {1f, 0f});
        CbifyAdf cbify = new CbifyAdf(base, new AdfActions(2, 4, MASK), -1f, 2f, false);
        Example ec = line(2);
        cbify.predict(ec);
        cbify.learn(ec);
        assertThat(base.calls).last().isEqualTo("learn [-, 2:-1.0:1.0]");
    }

    @Test
    void flippingTheSignTurnsLossesIntoRewards() {
        CbifyAdf cbify = new CbifyAdf(uniform(2), new AdfActions(2, 4, MASK), 0f, 1f, true);
        assertThat(cbify.loss(1, 2)).isEqualTo(-1f);
        assertThat(cbify.loss(2, 2)).isEqualTo(-0f);
    }

    @Test
    void thePmfIsNormalisedBeforeTheProbabilityIsRecorded() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {0, 1}, new float[] {2f, 0f});
        CbifyAdf cbify = new CbifyAdf(base, new AdfActions(2, 4, MASK), 0f, 1f, false);
        Example ec = line(2);
        cbify.predict(ec);
        cbify.learn(ec);
        assertThat(base.calls).last().isEqualTo("learn [1:1.0:1.0, -]");
    }
}
