package io.warren.core.explore;

import io.warren.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * VW's exploration library (vw/explore) as pure functions over float arrays: turn scores into a
 * probability mass function and sample from it. Each function mirrors VW's arithmetic in float so
 * probabilities match VW's to the last bit on the same inputs.
 */
public final class Explore {
    private Explore() {}

    /** Epsilon-greedy: epsilon/n everywhere, plus 1-epsilon on {@code top}. */
    public static void epsilonGreedy(float epsilon, int top, float[] pmf, int n) {
        if (top >= n) {
            top = n - 1;
        }
        float prob = epsilon / (float) n;
        for (int i = 0; i < n; i++) {
            pmf[i] = prob;
        }
        pmf[top] += 1f - epsilon;
    }

    /**
     * Softmax with inverse temperature {@code lambda}: {@code exp(lambda (s_i - max))} normalised
     * (max is the minimum score when lambda is negative). {@code scores} and {@code pmf} may alias.
     */
    public static void softmax(float lambda, float[] scores, int n, float[] pmf) {
        if (n == 0) {
            return;
        }
        float extreme = scores[0];
        for (int i = 1; i < n; i++) {
            extreme = lambda > 0 ? Math.max(extreme, scores[i]) : Math.min(extreme, scores[i]);
        }
        float norm = 0f;
        for (int i = 0; i < n; i++) {
            float prob = (float) Math.exp(lambda * (scores[i] - extreme));
            norm += prob;
            pmf[i] = prob;
        }
        for (int i = 0; i < n; i++) {
            pmf[i] /= norm;
        }
    }

    /** Bagging: each action's share of the models voting for it; all mass on the first if none vote. */
    public static void bag(float[] topActions, int n, float[] pmf) {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += topActions[i];
        }
        float numModels = (float) sum;
        if (numModels <= 1e-6) {
            pmf[0] = 1f;
            for (int i = 1; i < n; i++) {
                pmf[i] = 0f;
            }
            return;
        }
        float normalizer = 1f / numModels;
        for (int i = 0; i < n; i++) {
            pmf[i] = topActions[i] * normalizer;
        }
    }

    /**
     * Raises every probability to at least {@code epsilon / support} while keeping the sum at one,
     * by subtracting a common amount from the large ones (a projection onto the floored simplex).
     * With {@code considerZero} false, zero entries stay zero and do not count in the support.
     * {@code scratch} must hold at least n floats.
     */
    public static void enforceMinimumProbability(float epsilon, boolean considerZero, float[] pmf, int n,
                                                 float[] scratch) {
        if (n == 0 || epsilon == 0f) {
            return;
        }
        if (epsilon < 0f || epsilon > 1f) {
            throw new IllegalArgumentException("epsilon must be in [0, 1], was " + epsilon);
        }
        int support = n;
        if (!considerZero) {
            for (int i = 0; i < n; i++) {
                if (pmf[i] == 0f) {
                    support--;
                }
            }
        }
        if (epsilon > 0.999f) {
            for (int i = 0; i < n; i++) {
                if (considerZero || pmf[i] > 0) {
                    pmf[i] = 1f / support;
                }
            }
            return;
        }
        float minimum = epsilon / support;
        float[] sorted = scratch;
        System.arraycopy(pmf, 0, sorted, 0, n);
        Arrays.sort(sorted, 0, n);
        int idx = 0;
        float runningSum = 0f;
        int rhoIdx = 0;
        float rhoSum = sorted[n - 1];
        for (int k = n - 1; k >= 0; k--) {
            float prob = sorted[k];
            if (!considerZero && prob == 0f) {
                break;
            }
            runningSum += prob;
            if (prob > ((support - idx - 1) * minimum + runningSum - 1f) / (idx + 1f) + minimum) {
                rhoIdx = idx;
                rhoSum = runningSum;
            }
            idx++;
        }
        float tau = ((support - rhoIdx - 1f) * minimum + rhoSum - 1f) / (rhoIdx + 1f);
        for (int i = 0; i < n; i++) {
            if (considerZero || pmf[i] > 0) {
                pmf[i] = Math.max(pmf[i] - tau, minimum);
            }
        }
    }

    /** Mixes with the uniform distribution: {@code p (1 - eps) + eps / n}. */
    public static void mixWithUniform(float epsilon, float[] pmf, int n) {
        float scale = 1f - epsilon;
        for (int i = 0; i < n; i++) {
            pmf[i] *= scale;
            pmf[i] += epsilon / n;
        }
    }

    /**
     * Samples an index from {@code pmf} (normalising it in place; negatives become 0) with one
     * merand48 draw from {@code seed}. An all-zero pmf chooses index 0 with probability 1.
     */
    public static int sampleAfterNormalizing(long seed, float[] pmf, int n) {
        float total = 0f;
        for (int i = 0; i < n; i++) {
            if (pmf[i] < 0) {
                pmf[i] = 0f;
            }
            total += pmf[i];
        }
        if (total == 0f) {
            pmf[0] = 1f;
            return 0;
        }
        float draw = total * RandState.peek(seed);
        if (draw > total) {
            draw = total;
        }
        int chosen = -1;
        float sum = 0f;
        for (int i = 0; i < n; i++) {
            sum += pmf[i];
            if (chosen < 0 && sum > draw) {
                chosen = i;
            }
            pmf[i] /= total;
        }
        return chosen < 0 ? n - 1 : chosen;
    }

    /** Sampling seeded by a string (an event id): the seed is murmur3 of its UTF-8 bytes with seed 0. */
    public static int sampleAfterNormalizing(String seed, float[] pmf, int n) {
        return sampleAfterNormalizing(Murmur3.hash(seed.getBytes(StandardCharsets.UTF_8), 0), pmf, n);
    }

    /** VW's are_same_rel with its default tolerance 1e-4. */
    public static boolean sameRelative(float a, float b) {
        return Math.abs(a - b) <= 1e-4f * (Math.abs(a) + Math.abs(b));
    }
}
