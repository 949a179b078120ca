package io.warren.kernels;

/**
 * The learner's hot loops over one run of sparse features. Feature j addresses slot
 * {@code s = ((index[j] ^ xorHash) + offset) & mask} (a multiple of the stride); its weight is
 * {@code weights[s >> shift]} and its update state {@code state[s + k]}, and its value is
 * {@code scale * value[j]}.
 * A plain namespace is a run with {@code xorHash = 0, scale = 1}; a quadratic interaction {@code a x b}
 * is, for each feature i of a, a run over b with {@code xorHash = FNV * a.index[i]} and
 * {@code scale = a.value[i]}; cubic and higher chain the same way. Visiting runs in VW's order and
 * accumulating in float as written keeps results identical to VW's.
 *
 * <p>The learn passes run over a {@link FeatureBuffer} instead: the example's features gathered once.
 *
 * <p>Update state of one slot (VW's gd, stride 4): {@code [unused, adaptive sum of g^2 x^2,
 * normalizer max|x|, spare = per-feature rate]}; {@link UpdateRule} says which of them are live.
 */
public interface SparseKernels {

    /** Adds {@code w * x} over the run to {@code acc} and returns it. */
    float dot(float[] weights, int shift, long mask, long[] index, float[] value, int from, int to, long offset,
              long xorHash, float scale, float acc);

    /**
     * The dot product of a quadratic interaction {@code a x b}: for each feature i of a (in order), the
     * run over b with {@code xorHash = fnv * a.index[i]} and {@code scale = a.value[i]}, starting at i
     * when {@code triangular} (a namespace with itself). Same order and sums as calling {@link #dot}
     * per outer feature, without the call overhead.
     */
    default float quadraticDot(float[] weights, int shift, long mask, long[] outerIndex, float[] outerValue,
                               int outerCount, long[] innerIndex, float[] innerValue, int innerCount,
                               boolean triangular, long offset, long fnv, float acc) {
        float sum = acc;
        for (int i = 0; i < outerCount; i++) {
            sum = dot(weights, shift, mask, innerIndex, innerValue, triangular ? i : 0, innerCount, offset,
                    fnv * outerIndex[i], outerValue[i], sum);
        }
        return sum;
    }

    /**
     * Two examples' plain-namespace runs of equal length at once ({@code xorHash = 0, scale = 1}): adds
     * run A to {@code acc[0]} and run B to {@code acc[1]}. Each sum keeps its own order, so the results
     * equal two {@link #dot} calls; interleaving the two dependency chains hides the float-add latency.
     */
    void dotPair(float[] weights, int shift, long mask, long[] indexA, float[] valueA, long[] indexB,
                 float[] valueB, int count, long offset, float[] acc);

    /** {@link #quadraticDot} for two examples whose interacting namespaces have equal sizes, as {@link #dotPair}. */
    void quadraticDotPair(float[] weights, int shift, long mask, long[] outerIndexA, float[] outerValueA,
                          long[] outerIndexB, float[] outerValueB, int outerCount, long[] innerIndexA,
                          float[] innerValueA, long[] innerIndexB, float[] innerValueB, int innerCount,
                          boolean triangular, long offset, long fnv, float[] acc);

    /**
     * Floats per lane row that {@link #dotLanes} and {@link #quadraticDotLanes} may read: a row's stride
     * must be a multiple of this, and {@code acc} at least the lane count rounded up to it.
     */
    default int laneAlignment() {
        return 1;
    }

    /**
     * A plain-namespace run shared by several examples ("lanes") that have the same indices and their own
     * values: feature j's value in lane k is {@code values[from + j * stride + k]}. Adds {@code w_j * value}
     * to {@code acc[k]} for every lane {@code k < lanes}, in feature order, so each lane's sum is bit for bit
     * its example's {@link #dot}; one weight load serves every lane.
     */
    void dotLanes(float[] weights, int shift, long mask, long[] index, int count, float[] values, int from,
                  int stride, int lanes, long offset, float[] acc);

    /**
     * {@link #quadraticDot} over lanes laid out as in {@link #dotLanes}: the outer namespace's rows start at
     * {@code outerFrom}, the inner one's at {@code innerFrom}; lane k adds {@code w * (outer_ik * inner_jk)}.
     */
    void quadraticDotLanes(float[] weights, int shift, long mask, long[] outerIndex, int outerCount, int outerFrom,
                           long[] innerIndex, int innerCount, int innerFrom, float[] values, int stride, int lanes,
                           boolean triangular, long offset, long fnv, float[] acc);

    /** Adds {@code w * x} over the buffered features, in order, to {@code acc} and returns it. */
    float dot(float[] weights, int shift, FeatureBuffer features, float acc);

    /**
     * VW's pred_per_update pass over the buffered features (adaptive and/or normalized update): updates
     * the per-feature accumulators (unless {@code stateless}, which only computes), stores each feature's
     * rate in its spare slot, and adds to {@code acc[0]} (sum of x^2 * rate) and {@code acc[1]} (sum of
     * normalized x^2), in feature order.
     */
    void predPerUpdate(float[] weights, float[] state, int shift, FeatureBuffer features, float gradSquared,
                       UpdateRule rule, boolean stateless, float[] acc);

    /** {@code w += update * x * rate} over the buffered features (without the rate when the rule keeps none). */
    void update(float[] weights, float[] state, int shift, FeatureBuffer features, float update, UpdateRule rule);

    /**
     * VW's state step (default rule: adaptive, normalized, power_t 0.5) over {@code n} features that each
     * have their own dense slot i ({@link SlotRun}): x^2 floored at {@link UpdateRule#X2_MIN} into
     * {@code x2}, the adaptive sum {@code += gradSquared * x^2} and the normalizer {@code max |x|}, the
     * weight shrunk by {@code old / new} when a positive normalizer grows; each feature's new sum and
     * normalizer also go to {@code seenSum} and {@code seenNorm}.
     */
    void denseStateStep(float[] x, float gradSquared, float[] adaptive, float[] normalizer, float[] weight,
                        float[] x2, float[] seenSum, float[] seenNorm, int n);

    /** {@code weight[i] += update * (x[i] * rate[i])} for the {@code n} dense slots whose x is finite. */
    void denseUpdate(float[] weight, float[] x, float[] rate, float update, int n);

    /**
     * The implementation KernelBench picked: the Vector API one where the {@code jdk.incubator.vector} module is
     * loaded (its lane kernels scored a K=10 event 4.3x and a K=50 event 7.1x faster than walking each action,
     * ops/bench/results/jmh-20261202T032900Z.txt), the scalar one otherwise. Both give the same bits.
     */
    static SparseKernels defaultKernels() {
        return KernelChoice.DEFAULT;
    }
}
