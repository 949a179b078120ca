package io.warren.core.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RandStateTest {
    @Test
    void gaussianAtIsTheFirstDrawOfAGeneratorWithThatSeed() {
        for (long seed : new long[] {0, 1, 42, 123456789L}) {
            assertThat(RandState.gaussianAt(seed)).isEqualTo(new RandState(seed).nextGaussian());
        }
    }

    @Test
    void gaussianDrawsHaveZeroMeanAndUnitVariance() {
        RandState random = new RandState(7);
        int n = 200_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double x = random.nextGaussian();
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / n;
        assertThat(mean).isCloseTo(0.0, within(0.01));
        assertThat(sumSquares / n - mean * mean).isCloseTo(1.0, within(0.02));
    }
}
