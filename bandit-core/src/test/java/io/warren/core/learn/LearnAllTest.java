package io.warren.core.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
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
    private static final int[] NAMESPACES = {'a', 's', 'b'};
    private static final int[][][] INTERACTION_SETS = {
        {},
        {{'s', 'a'}},
        {{'s', 'a'}, {'a', 'a'}, {'b', 's'}},
        {{'s', 'a'}, {'s', 'a', 'b'}},
    };

    private final SplittableRandom random = new SplittableRandom(5);

    @ParameterizedTest
    @CsvSource({"4, scalar", "7, scalar", "14, scalar", "4, vector", "14, vector"})
    void batchLearningEqualsLearningInTurn(int bits, String impl) {
        SparseKernels kernels = impl.equals("vector") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        long seed = random.nextLong();
        GradientDescent inTurn = gradientDescent(bits, seed, ScalarKernels.INSTANCE);
        GradientDescent together = gradientDescent(bits, seed, kernels);
        for (int trial = 0; trial < 400; trial++) {
            int[] sizes = randomSizes();
            int[][] interactions = INTERACTION_SETS[random.nextInt(INTERACTION_SETS.length)];
            Example template = example(sizes, interactions);
            List<Example> first = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(30); i < n; i++) {
                first.add(random.nextInt(5) < 4 ? withNewValues(template) : example(randomSizes(), interactions));
            }
            List<Example> second = copies(first);

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

    private int[] randomSizes() {
        int[] sizes = new int[NAMESPACES.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(10);
        }
        return sizes;
    }

    private Example example(int[] sizes, int[][] interactions) {
        Example ec = new Example();
        for (int n = 0; n < NAMESPACES.length; n++) {
            if (sizes[n] == 0) {
                continue;
            }
            ec.addIndex(NAMESPACES[n]);
            for (int j = 0; j < sizes[n]; j++) {
                ec.features(NAMESPACES[n]).push(value(), (random.nextLong() & 0xffffffffL) << 2);
            }
        }
        ec.interactions = interactions;
        labelled(ec);
        return ec;
    }

    /** An example with {@code template}'s namespaces and indices and fresh values (a cb_adf action line's twin). */
    private Example withNewValues(Example template) {
        Example ec = new Example();
        for (int n = 0; n < template.numIndices; n++) {
            int ns = template.indices[n];
            ec.addIndex(ns);
            Features from = template.featureSpace[ns];
            for (int j = 0; j < from.size; j++) {
                ec.features(ns).push(value(), from.indices[j]);
            }
        }
        ec.interactions = template.interactions;
        labelled(ec);
        return ec;
    }

    private void labelled(Example ec) {
        ec.simpleLabel = random.nextInt(3) == 0 ? (float) random.nextGaussian() * 3f : 0f;
        ec.weight = random.nextInt(4) == 0 ? 0.5f + (float) random.nextDouble() * 2f : 1f;
    }

    /** Mostly ordinary values; some large ones (the normalizer grows and rescales) and tiny ones (floored). */
    private float value() {
        return switch (random.nextInt(12)) {
            case 0 -> (float) random.nextGaussian() * 50f;
            case 1 -> 1e-25f;
            default -> (float) random.nextGaussian();
        };
    }

    private static List<Example> copies(List<Example> batch) {
        List<Example> out = new ArrayList<>();
        for (Example from : batch) {
            Example ec = new Example();
            for (int n = 0; n < from.numIndices; n++) {
                int ns = from.indices[n];
                ec.addIndex(ns);
                Features fs = from.featureSpace[ns];
                for (int j = 0; j < fs.size; j++) {
                    ec.features(ns).push(fs.values[j], fs.indices[j]);
                }
            }
            ec.interactions = from.interactions;
            ec.simpleLabel = from.simpleLabel;
            ec.weight = from.weight;
            out.add(ec);
        }
        return out;
    }
}
