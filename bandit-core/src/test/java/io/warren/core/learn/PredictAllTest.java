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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Predicting a batch must give, bit for bit, what predicting its examples one after the other gives,
 * whichever way the batch is scored: in lanes (examples sharing a leader's indices), in lockstep pairs
 * (same shape) or one by one (different shapes), with either kernel implementation.
 */
class PredictAllTest {
    private static final int[] NAMESPACES = {'a', 's', 'b'};
    private static final int[][][] INTERACTION_SETS = {
        {},
        {{'s', 'a'}},
        {{'s', 'a'}, {'a', 'a'}, {'b', 's'}},
        {{'s', 'a'}, {'s', 'a', 'b'}},
    };

    private final SplittableRandom random = new SplittableRandom(11);

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void batchPredictionsEqualSinglePredictions(String impl) {
        SparseKernels kernels = impl.equals("vector") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        GradientDescent gd = gradientDescent(kernels);
        int lanedBatches = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int[] sizes = randomSizes();
            int[][] interactions = INTERACTION_SETS[random.nextInt(INTERACTION_SETS.length)];
            boolean permutations = random.nextInt(4) == 0;
            long offset = random.nextInt(3) * 4L;
            Example template = example(sizes, interactions, permutations, offset);
            List<Example> batch = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(48); i < n; i++) {
                int kind = random.nextInt(10);
                if (kind < 6) {
                    batch.add(withNewValues(template));
                } else if (kind < 8) {
                    batch.add(example(sizes, interactions, permutations, offset));
                } else {
                    batch.add(example(randomSizes(), interactions, permutations, offset));
                }
            }
            if (new FeatureLanes(kernels.laneAlignment()).collect(batch) > 0) {
                lanedBatches++;
            }
            float[] alone = new float[batch.size()];
            long[] features = new long[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                Example ec = batch.get(i);
                ec.initial = (float) random.nextGaussian();
                gd.predict(ec);
                alone[i] = ec.partialPrediction;
                features[i] = ec.numFeaturesFromInteractions;
                ec.partialPrediction = Float.NaN;
                ec.numFeaturesFromInteractions = -1;
            }

            gd.predictAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                Example ec = batch.get(i);
                assertThat(Float.floatToRawIntBits(ec.partialPrediction)).as("trial %d, example %d", trial, i)
                        .isEqualTo(Float.floatToRawIntBits(alone[i]));
                assertThat(ec.numFeaturesFromInteractions).as("trial %d, example %d", trial, i)
                        .isEqualTo(features[i]);
            }
        }
        assertThat(lanedBatches).isGreaterThan(500);
    }

    private GradientDescent gradientDescent(SparseKernels kernels) {
        Weights weights = new Weights(12, 2);
        for (int i = 0; i < weights.value.length; i++) {
            weights.value[i] = (float) random.nextGaussian();
        }
        SharedData sd = new SharedData();
        sd.minLabel = -1e6f;
        sd.maxLabel = 1e6f;
        GdConfig config = new GdConfig(true, true, true, 0.5f, 0.5f, 0f, 0f, 0f, true);
        return new GradientDescent(config, weights, sd, 1, kernels);
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

    /** An example with {@code template}'s namespaces and indices and fresh values (a cb_adf action line's twin). */
    private Example withNewValues(Example template) {
        Example ec = new Example();
        for (int n = 0; n < template.numIndices; n++) {
            int ns = template.indices[n];
            ec.addIndex(ns);
            Features from = template.featureSpace[ns];
            for (int j = 0; j < from.size; j++) {
                ec.features(ns).push((float) random.nextGaussian(), from.indices[j]);
            }
        }
        ec.interactions = template.interactions;
        ec.permutations = template.permutations;
        ec.ftOffset = template.ftOffset;
        return ec;
    }
}
