package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.Example;
import org.junit.jupiter.api.Test;

class CbToCbAdfTest {
    private static final long MASK = (1L << 20) - 1;

    private static Example line(int[] actions, float[] costs, float[] probabilities) {
        Example ec = new Example();
        ec.reset();
        ec.addIndex(' ');
        ec.features(' ').push(1f, 400);
        ec.numFeatures = 1;
        for (int i = 0; i < actions.length; i++) {
            ec.cb.add(actions[i], costs[i], probabilities[i]);
        }
        return ec;
    }

    private static CbToCbAdf reduction(RecordingLearner base, int k, boolean explore) {
        return new CbToCbAdf(base, new AdfActions(k, 4, MASK), explore);
    }

    @Test
    void theObservedCostGoesOnItsActionNumberedFromZero() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {2, 0, 1}, new float[] {0f, 0.5f, 1f});
        base.returnsPrediction = true;
        CbToCbAdf cb = reduction(base, 3, false);
        Example ec = line(new int[] {3}, new float[] {1f}, new float[] {0.25f});
        cb.learn(ec);
        assertThat(base.calls).containsExactly("learn [-, -, 2:1.0:0.25]");
        assertThat(ec.predMulticlass).isEqualTo(3);
    }

    @Test
    void withSeveralCostsOnlyTheOneWithAProbabilityIsKept() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {0, 1, 2, 3}, new float[4]);
        base.returnsPrediction = true;
        CbToCbAdf cb = reduction(base, 4, false);
        cb.learn(line(new int[] {1, 2, 3, 4}, new float[] {1, 2, 3, 4}, new float[] {0f, 0f, 1f, 0f}));
        assertThat(base.calls).containsExactly("learn [-, -, 2:3.0:1.0, -]");
    }

    @Test
    void aTestLineCarriesNoLabel() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {1, 0}, new float[] {0f, 0f});
        CbToCbAdf cb = reduction(base, 2, false);
        Example ec = line(new int[0], new float[0], new float[0]);
        cb.predict(ec);
        assertThat(base.calls).containsExactly("predict [-, -]");
        assertThat(ec.predMulticlass).isEqualTo(2);
    }

    @Test
    void anActionOutsideTheRangeIsNotLabelled() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {0, 1}, new float[2]);
        base.returnsPrediction = true;
        CbToCbAdf cb = reduction(base, 2, false);
        cb.learn(line(new int[] {5}, new float[] {1f}, new float[] {0.5f}));
        assertThat(base.calls).containsExactly("learn [-, -]");
    }

    @Test
    void predictsFirstWhenTheStackBelowDoesNotReturnAPrediction() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {1, 0}, new float[] {0.975f, 0.025f});
        CbToCbAdf cb = reduction(base, 2, true);
        Example ec = line(new int[] {1}, new float[] {0f}, new float[] {0.5f});
        cb.learn(ec);
        assertThat(base.calls).containsExactly("predict [0:0.0:0.5, -]", "learn [0:0.0:0.5, -]");
        assertThat(ec.predActionScores.toString()).isEqualTo("1:0.975,0:0.025");
    }

    @Test
    void theLabelIsTakenOffTheActionExampleAfterwards() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {0, 1}, new float[2]);
        base.returnsPrediction = true;
        CbToCbAdf cb = reduction(base, 2, false);
        cb.learn(line(new int[] {2}, new float[] {1f}, new float[] {0.5f}));
        assertThat(cb.actionExamples().get(1).cb.size).isZero();
    }

    @Test
    void exploreModeHandsThePmfBackForReporting() {
        RecordingLearner base = new RecordingLearner().answering(new int[] {1, 0}, new float[] {0.9f, 0.1f});
        CbToCbAdf cb = reduction(base, 2, true);
        Example ec = line(new int[0], new float[0], new float[0]);
        cb.predict(ec);
        cb.actionExamples().get(0).predActionScores.clear();
        cb.syncPrediction(ec);
        assertThat(cb.actionExamples().get(0).predActionScores.toString()).isEqualTo("1:0.9,0:0.1");
    }
}
