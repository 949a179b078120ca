package io.warren.core.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.Example;
import io.warren.kernels.SparseKernels;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Predicting two examples at once must give, bit for bit, what predicting one after the other gives:
 * for pairs of the same shape (walked in lockstep) and of different shapes (walked one by one).
 */
class PredictPairTest {
    private static final int[] NAMESPACES = {'a', 's', 'b'};
    private static final int[][][] INTERACTION_SETS = {
        {},
        {{'s', 'a'}},
        {{'s', 'a'}, {'a', 'a'}, {'b', 's'}},
        {{'s', 'a'}, {'s', 'a', 'b'}},
    };

    private final SplittableRandom random = new SplittableRandom(11);
    private final GradientDescent gd;

    PredictPairTest() {
        Weights weights = new Weights(12, 2);
        for (int i = 0; i < weights.value.length; i++) {
            weights.value[i] = (float) random.nextGaussian();
        }
        SharedData sd = new SharedData();
        sd.minLabel = -1e6f;
        sd.maxLabel = 1e6f;
        GdConfig config = new GdConfig(true, true, true, 0.5f, 0.5f, 0f, 0f, 0f, true);
        gd = new GradientDescent(config, weights, sd, 1, SparseKernels.defaultKernels());
    }

    @Test
    void pairPredictionsEqualSinglePredictions() {
        int lockstep = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int[] sizes = randomSizes();
            int[][] interactions = INTERACTION_SETS[random.nextInt(INTERACTION_SETS.length)];
            boolean permutations = random.nextInt(4) == 0;
            long offset = random.nextInt(3) * 4L;
            Example a = example(sizes, interactions, permutations, offset);
            boolean sameShape = random.nextBoolean();
            Example b = example(sameShape ? sizes : randomSizes(), interactions, permutations, offset);
            if (sameShape) {
                lockstep++;
            }

            gd.predict(a);
            float aloneA = a.partialPrediction;
            long featuresA = a.numFeaturesFromInteractions;
            gd.predict(b);
            float aloneB = b.partialPrediction;
            long featuresB = b.numFeaturesFromInteractions;

            a.partialPrediction = Float.NaN;
            b.partialPrediction = Float.NaN;
            gd.predictPair(a, b);
            assertThat(Float.floatToRawIntBits(a.partialPrediction)).as("trial %d, first", trial)
                    .isEqualTo(Float.floatToRawIntBits(aloneA));
            assertThat(Float.floatToRawIntBits(b.partialPrediction)).as("trial %d, second", trial)
                    .isEqualTo(Float.floatToRawIntBits(aloneB));
            assertThat(a.numFeaturesFromInteractions).isEqualTo(featuresA);
            assertThat(b.numFeaturesFromInteractions).isEqualTo(featuresB);
        }
        assertThat(lockstep).isGreaterThan(1000);
    }

    private int[] randomSizes() {
        int[] sizes = new int[NAMESPACES.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(12);
        }
        return sizes;
    }

    private Example example(int[] sizes, int[][] interactions, boolean permutations, long offset) {
        Example ec = new Example();
        for (int n = 0; n < NAMESPACES.length; n++) {
            if (sizes[n] == 0) {
                continue;
            }
            ec.addIndex(NAMESPACES[n]);
            for (int j = 0; j < sizes[n]; j++) {
                ec.features(NAMESPACES[n]).push((float) random.nextGaussian(), (random.nextLong() & 0xffffffffL) << 2);
            }
        }
        ec.interactions = interactions;
        ec.permutations = permutations;
        ec.ftOffset = offset;
        return ec;
    }
}
