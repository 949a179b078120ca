package io.warren.kernels;

/**
 * The learner's hot loops over a flattened sparse example: parallel arrays of hashed feature indices
 * and values, addressed into a stride-interleaved weight table as {@code w[(index + offset) & mask]}.
 *
 * <p>Layout of one weight slot (VW's gd, stride 4): {@code [weight, adaptive sum of g^2 x^2,
 * normalizer max|x|, spare = per-feature rate]}; {@link UpdateRule} says which of them are live.
 * Implementations must visit features in array order and accumulate in float exactly as written so
 * results stay comparable with VW; a vectorised version may reorder sums only where a benchmark
 * shows it is faster and tests accept the tolerance.
 */
public interface SparseKernels {

    /** Sum of {@code w[slot] * value} over the features, starting from {@code initial}. */
    float dot(float[] weights, long mask, long[] index, float[] value, int n, long offset, float initial);

    /**
     * VW's pred_per_update pass (adaptive and/or normalized update): updates the per-feature
     * accumulators (unless {@code stateless}), stores each feature's rate in its spare slot, and returns
     * {@code [predPerUpdate, normX]} in {@code out}.
     */
    void predPerUpdate(float[] weights, long mask, long[] index, float[] value, int n, long offset,
                       float gradSquared, UpdateRule rule, boolean stateless, float[] scratch4, float[] out);

    /** {@code w[slot] += update * value * w[slot + spare]} (or without the rate when there is no spare). */
    void update(float[] weights, long mask, long[] index, float[] value, int n, long offset, float update,
                UpdateRule rule);

    /** The default implementation: benchmarks (ops/bench, JMH) decide whether a vector one replaces it. */
    static SparseKernels defaultKernels() {
        return ScalarKernels.INSTANCE;
    }
}
