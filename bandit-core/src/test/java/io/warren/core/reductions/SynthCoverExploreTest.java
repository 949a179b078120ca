package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SynthCoverExploreTest {
    @Test
    void synthcoverGivesAllMassToAClearlyCheapestAction() {
        float[] probs = new float[2];

        SynthCoverExplore.coverMass(new float[] {0f, 1f}, 2, 100, 0.1f, probs);

        assertThat(probs[0]).isCloseTo(1f, within(1e-5f));
        assertThat(probs[1]).isZero();
    }

    @Test
    void synthcoverSharesMassBetweenNearlyTiedActions() {
        float[] probs = new float[3];

        SynthCoverExplore.coverMass(new float[] {0f, 0.02f, 0.5f}, 3, 100, 0.1f, probs);

        assertThat(probs[0]).isGreaterThan(probs[1]);
        assertThat(probs[1]).isGreaterThan(0.3f);
        assertThat(probs[2]).isZero();
        assertThat(probs[0] + probs[1] + probs[2]).isCloseTo(1f, within(1e-5f));
    }

    @Test
    void synthcoverBreaksCostTiesTowardTheLowerAction() {
        float[] probs = new float[2];

        SynthCoverExplore.coverMass(new float[] {0.3f, 0.3f}, 2, 1, 0.1f, probs);

        assertThat(probs).containsExactly(1f, 0f);
    }
}
