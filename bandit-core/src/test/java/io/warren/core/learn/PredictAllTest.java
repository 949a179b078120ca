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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Predicting a batch must give, bit for bit, what predicting its examples one after the other gives,
 * whichever way the batch is scored: in lanes (examples sharing a leader's indices), in lockstep pairs
 * (same shape) or one by one (different shapes), with either kernel implementation.
 */
class PredictAllTest {
    private final SplittableRandom random = new SplittableRandom(11);
    private final RandomExamples examples = new RandomExamples(random, 12, random::nextGaussian);

    @ParameterizedTest
    @ValueSource(strings = {"scalar", "vector"})
    void batchPredictionsEqualSinglePredictions(String impl) {
        SparseKernels kernels = impl.equals("vector") ? VectorKernels.INSTANCE : ScalarKernels.INSTANCE;
        GradientDescent gd = gradientDescent(kernels);
        int lanedBatches = 0;
        for (int trial = 0; trial < 3000; trial++) {
            int[] sizes = examples.sizes();
            int[][] interactions = examples.interactions();
            boolean permutations = random.nextInt(4) == 0;
            long offset = random.nextInt(3) * 4L;
            Example template = examples.example(sizes, interactions, permutations, offset);
            List<Example> batch = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(48); i < n; i++) {
                int kind = random.nextInt(10);
                if (kind < 6) {
                    batch.add(examples.twin(template, true));
                } else if (kind < 8) {
                    batch.add(examples.example(sizes, interactions, permutations, offset));
                } else {
                    batch.add(examples.example(examples.sizes(), interactions, permutations, offset));
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
}
