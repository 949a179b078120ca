package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.learn.SingleLearner;
import java.util.List;

/**
 * Plausible cost intervals per action, for RegCB and SquareCB's elimination (Foster, Agarwal, Dudik,
 * Luo and Schapire, "Practical Contextual Bandits with Regression Oracles", 2018, section 7.1).
 *
 * <p>For an action with predicted cost {@code f}, the lower end is {@code max(f - s w, cmin)} where
 * {@code s} is the regressor's sensitivity toward the target {@code cmin - 1} and {@code w} is the
 * largest importance weight whose update would raise the squared loss on the data seen by at most
 * {@code delta}: {@code w (fhat^2 - (fhat - s w)^2) <= delta}, with {@code fhat = f - cmin + 1}. The
 * upper end mirrors it toward {@code cmax + 1}. Both are clipped to {@code [cmin, cmax]}.
 */
final class CostRanges {
    private static final int MAX_ITERATIONS = 20;
    private static final float TOLERANCE = 1e-6f;

    float[] min = new float[16];
    float[] max = new float[16];

    /** Fills {@link #min} (and {@link #max} unless {@code minOnly}) for the actions ranked in {@code preds}. */
    void compute(float delta, SingleLearner scorer, List<Example> examples, ActionScores preds, boolean minOnly,
                 float cmin, float cmax) {
        int n = preds.size;
        if (min.length < n) {
            min = new float[n];
            max = new float[n];
        }
        for (int i = 0; i < n; i++) {
            examples.get(preds.action[i]).predScalar = preds.score[i];
        }
        for (int a = 0; a < n; a++) {
            Example ec = examples.get(a);
            float f = ec.predScalar;
            ec.simpleLabel = cmin - 1f;
            float sens = scorer.sensitivity(ec);
            if (f < cmin || Float.isNaN(sens) || Float.isInfinite(sens)) {
                min[a] = cmin;
            } else {
                float w = largestWeight(f - cmin + 1f, delta, sens);
                float low = f - sens * w;
                min[a] = Math.min(low < cmin ? cmin : low, cmax);
            }
            if (!minOnly) {
                ec.simpleLabel = cmax + 1f;
                sens = scorer.sensitivity(ec);
                if (f > cmax || Float.isNaN(sens) || Float.isInfinite(sens)) {
                    max[a] = cmax;
                } else {
                    float w = largestWeight(cmax + 1f - f, delta, sens);
                    float high = f + sens * w;
                    max[a] = Math.max(high > cmax ? cmax : high, cmin);
                }
            }
        }
    }

    /** Bisection for the largest {@code w} with {@code w (fhat^2 - (fhat - sens w)^2) <= delta}. */
    static float largestWeight(float fhat, float delta, float sens) {
        float maxWeight = Math.min(fhat / sens, Float.MAX_VALUE);
        if (maxWeight * fhat * fhat <= delta) {
            return maxWeight;
        }
        float lo = 0f;
        float hi = maxWeight;
        for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
            float w = (hi + lo) / 2f;
            float v = w * (fhat * fhat - (fhat - sens * w) * (fhat - sens * w)) - delta;
            if (v > 0) {
                hi = w;
            } else {
                lo = w;
            }
            if (Math.abs(v) <= TOLERANCE || hi - lo <= TOLERANCE) {
                break;
            }
        }
        return lo;
    }

    /** The loss-difference threshold: {@code c0 ln(actions * t) (cmax - cmin)^2}. */
    static float delta(float c0, int numActions, long counter, float cmin, float cmax) {
        float range = cmax - cmin;
        return c0 * (float) Math.log((float) (numActions * counter)) * (float) ((double) range * range);
    }
}
