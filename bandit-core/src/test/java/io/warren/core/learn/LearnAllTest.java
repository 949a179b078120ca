package io.warren.core.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.Example;
import io.warren.kernels.ScalarKernels;
import io.warren.kernels.SparseKernels;
import io.warren.kernels.VectorKernels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Learning a batch must leave, bit for bit, the weights, update state, predictions and normalizer sums
 * that learning its examples one after the other leaves, whether runs of examples with the same slots
 * are learned on a dense copy of them or not, with either kernel implementation. Small tables make
 * features of one example share slots (collisions), which the dense copy must treat as the table does.
 */
class LearnAllTest {
    private final SplittableRandom random = new SplittableRandom(5);
    private final RandomExamples examples = new RandomExamples(random, 10, this::value);

    @ParameterizedTest
    @CsvSource({"4, scalar", "7, scalar", "14, scalar", "4, vector", "14, vector"})
    void batchLearningEqualsLearningInTurn(int bits, String impl) {
        SparseKernels kernels = impl.equals("vector") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        long seed = random.nextLong();
        GradientDescent inTurn = gradientDescent(bits, seed, ScalarKernels.INSTANCE);
        GradientDescent together = gradientDescent(bits, seed, kernels);
        for (int trial = 0; trial < 400; trial++) {
            int[][] interactions = examples.interactions();
            Example template = examples.example(examples.sizes(), interactions, false, 0L);
            List<Example> first = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
                Example ec = random.nextInt(5) < 4 ? examples.twin(template, true)
                        : examples.example(examples.sizes(), interactions, false, 0L);
                ec.simpleLabel = random.nextInt(3) == 0 ? (float) random.nextGaussian() * 3f : 0f;
                ec.weight = random.nextInt(4) == 0 ? 0.5f + (float) random.nextDouble() * 2f : 1f;
                first.add(ec);
            }
            List<Example> second = new ArrayList<>();
            for (Example ec : first) {
                Example copy = examples.twin(ec, false);
                copy.simpleLabel = ec.simpleLabel;
                copy.weight = ec.weight;
                second.add(copy);
            }

            for (Example ec : first) {
                inTurn.learn(ec);
            }
            together.learnAll(second);

            for (int i = 0; i < first.size(); i++) {
                Example a = first.get(i);
                Example b = second.get(i);
                String at = "trial " + trial + ", example " + i;
                assertThat(bits(b.partialPrediction)).as(at).isEqualTo(bits(a.partialPrediction));
                assertThat(bits(b.updatedPrediction)).as(at).isEqualTo(bits(a.updatedPrediction));
                assertThat(b.numFeaturesFromInteractions).as(at).isEqualTo(a.numFeaturesFromInteractions);
            }
            assertSameState(inTurn, together, "trial " + trial);
        }
    }

    private static void assertSameState(GradientDescent expected, GradientDescent actual, String at) {
        assertThat(actual.weights().value).as(at).isEqualTo(expected.weights().value);
        assertThat(actual.weights().state).as(at).isEqualTo(expected.weights().state);
        assertThat(actual.normalizedSumNormX()).as(at).isEqualTo(expected.normalizedSumNormX());
        assertThat(actual.totalWeight()).as(at).isEqualTo(expected.totalWeight());
    }

    private static int bits(float v) {
        return Float.floatToRawIntBits(v);
    }

    private static GradientDescent gradientDescent(int bits, long seed, SparseKernels kernels) {
        Weights weights = new Weights(bits, 2);
        SplittableRandom init = new SplittableRandom(seed);
        for (int i = 0; i < weights.value.length; i++) {
            weights.value[i] = (float) init.nextGaussian() * 0.1f;
        }
        SharedData sd = new SharedData();
        sd.minLabel = -10f;
        sd.maxLabel = 10f;
        GdConfig config = new GdConfig(true, true, true, 0.5f, 0.5f, 0f, 0f, 0f, true);
        return new GradientDescent(config, weights, sd, 1, kernels);
    }

    /** Mostly ordinary values; some large ones (the normalizer grows and rescales) and tiny ones (floored). */
    private float value() {
        return switch (random.nextInt(12)) {
            case 0 -> (float) random.nextGaussian() * 50f;
            case 1 -> 1e-25f;
            default -> (float) random.nextGaussian();
        };
    }
}
