package io.warren.core.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

/** Every exploration function yields a probability mass function, with its floor where one applies. */
class ExplorePropertiesTest {
    private static final double SUM_TOLERANCE = 1e-5;

    private static double sum(float[] pmf, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += pmf[i];
        }
        return s;
    }

    /** Scores in a range where exp() stays finite for the lambdas below. */
    @Provide
    Arbitrary<float[]> scores() {
        return Arbitraries.floats().between(-10f, 10f).array(float[].class).ofMinSize(1).ofMaxSize(64);
    }

    /** A PMF built from random non-negative weights, at least one of them positive. */
    @Provide
    Arbitrary<float[]> pmfs() {
        return Arbitraries.floats().between(0f, 100f).array(float[].class).ofMinSize(1).ofMaxSize(64)
                .filter(w -> sum(w, w.length) > 1e-3)
                .map(w -> {
                    float total = 0f;
                    for (float x : w) {
                        total += x;
                    }
                    float[] p = new float[w.length];
                    for (int i = 0; i < w.length; i++) {
                        p[i] = w[i] / total;
                    }
                    return p;
                });
    }

    @Property
    void epsilonGreedySumsToOneWithEveryActionAtLeastEpsilonOverN(
            @ForAll @FloatRange(min = 0f, max = 1f) float epsilon, @ForAll @IntRange(min = 1, max = 64) int n,
            @ForAll @IntRange(min = 0, max = 80) int top) {
        float[] pmf = new float[n];
        Explore.epsilonGreedy(epsilon, top, pmf, n);
        assertThat(sum(pmf, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
        int chosen = Math.min(top, n - 1);
        for (int i = 0; i < n; i++) {
            assertThat(pmf[i]).isGreaterThanOrEqualTo(epsilon / n);
            assertThat(pmf[i]).isLessThanOrEqualTo(pmf[chosen]);
        }
    }

    @Property
    void softmaxSumsToOneAndRanksByScoreInTheDirectionOfLambda(@ForAll("scores") float[] scores,
                                                              @ForAll @FloatRange(min = -5f, max = 5f) float lambda) {
        int n = scores.length;
        float[] pmf = new float[n];
        Explore.softmax(lambda, scores, n, pmf);
        assertThat(sum(pmf, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
        for (int i = 0; i < n; i++) {
            assertThat(pmf[i]).isBetween(0f, 1f);
            for (int j = 0; j < n; j++) {
                if (lambda * scores[i] > lambda * scores[j]) {
                    assertThat(pmf[i]).isGreaterThanOrEqualTo(pmf[j]);
                }
            }
        }
    }

    @Property
    void softmaxMayWriteOverItsScores(@ForAll("scores") float[] scores, @ForAll @FloatRange(min = -5f, max = 5f) float lambda) {
        float[] separate = new float[scores.length];
        Explore.softmax(lambda, scores, scores.length, separate);
        float[] inPlace = scores.clone();
        Explore.softmax(lambda, inPlace, inPlace.length, inPlace);
        assertThat(inPlace).containsExactly(separate);
    }

    @Provide
    Arbitrary<float[]> votes() {
        return Arbitraries.integers().between(0, 20).map(Integer::floatValue).array(float[].class).ofMinSize(1)
                .ofMaxSize(64);
    }

    @Property
    void bagSumsToOneAndPutsEverythingOnTheFirstActionWithoutVotes(@ForAll("votes") float[] votes) {
        int n = votes.length;
        float[] pmf = new float[n];
        Explore.bag(votes, n, pmf);
        assertThat(sum(pmf, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
        if (sum(votes, n) == 0) {
            assertThat(pmf[0]).isEqualTo(1f);
        } else {
            for (int i = 0; i < n; i++) {
                assertThat(pmf[i] == 0f).isEqualTo(votes[i] == 0f);
            }
        }
    }

    @Property
    void enforcedMinimumKeepsThePmfAndFloorsEveryActionAtEpsilonOverN(
            @ForAll("pmfs") float[] pmf, @ForAll @FloatRange(min = 0f, max = 1f) float epsilon) {
        int n = pmf.length;
        float[] p = pmf.clone();
        Explore.enforceMinimumProbability(epsilon, true, p, n, new float[n]);
        assertThat(sum(p, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
        for (int i = 0; i < n; i++) {
            assertThat(p[i]).isGreaterThanOrEqualTo(epsilon / n);
        }
    }

    @Property
    void enforcedMinimumWithoutZerosLeavesZerosAloneAndFloorsTheRest(
            @ForAll("pmfs") float[] pmf, @ForAll @FloatRange(min = 0f, max = 1f) float epsilon) {
        int n = pmf.length;
        float[] p = pmf.clone();
        Explore.enforceMinimumProbability(epsilon, false, p, n, new float[n]);
        assertThat(sum(p, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
        for (int i = 0; i < n; i++) {
            if (pmf[i] == 0f) {
                assertThat(p[i]).isZero();
            } else {
                assertThat(p[i]).isGreaterThanOrEqualTo(epsilon / n);
            }
        }
    }

    @Property
    void enforcedMinimumLeavesAPmfAlreadyAboveTheFloorUnchanged(@ForAll @IntRange(min = 1, max = 64) int n,
                                                                @ForAll @FloatRange(min = 0f, max = 1f) float epsilon) {
        float[] p = new float[n];
        Arrays.fill(p, 1f / n);
        Explore.enforceMinimumProbability(epsilon * 0.999f, true, p, n, new float[n]);
        for (int i = 0; i < n; i++) {
            assertThat(p[i]).isCloseTo(1f / n, within(1e-6f));
        }
    }

    @Property
    void mixingWithUniformKeepsThePmfAndFloorsItAtEpsilonOverN(@ForAll("pmfs") float[] pmf,
                                                              @ForAll @FloatRange(min = 0f, max = 1f) float epsilon) {
        int n = pmf.length;
        float[] p = pmf.clone();
        Explore.mixWithUniform(epsilon, p, n);
        assertThat(sum(p, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
        for (int i = 0; i < n; i++) {
            assertThat(p[i]).isGreaterThanOrEqualTo(epsilon / n * (1f - 1e-6f));
        }
    }

    @Property
    void softmaxThenMinimumStaysAPmfAboveTheFloor(@ForAll("scores") float[] scores,
                                                   @ForAll @FloatRange(min = -5f, max = 5f) float lambda,
                                                   @ForAll @FloatRange(min = 0f, max = 1f) float epsilon) {
        int n = scores.length;
        float[] pmf = new float[n];
        Explore.softmax(lambda, scores, n, pmf);
        Explore.enforceMinimumProbability(epsilon, true, pmf, n, new float[n]);
        assertThat(sum(pmf, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
        for (int i = 0; i < n; i++) {
            assertThat(pmf[i]).isGreaterThanOrEqualTo(epsilon / n);
        }
    }

    @Provide
    Arbitrary<List<Object>> sampleCases() {
        return Combinators.combine(pmfs(), Arbitraries.longs()).as((p, s) -> List.of(p, s));
    }

    @Property
    void samplingIsAValidIndexAndTheSameForTheSameSeed(@ForAll("pmfs") float[] pmf, @ForAll long seed) {
        int n = pmf.length;
        float[] a = pmf.clone();
        float[] b = pmf.clone();
        int first = Explore.sampleAfterNormalizing(seed, a, n);
        int second = Explore.sampleAfterNormalizing(seed, b, n);
        assertThat(first).isEqualTo(second).isBetween(0, n - 1);
        assertThat(pmf[first]).isPositive();
        assertThat(sum(a, n)).isCloseTo(1.0, within(SUM_TOLERANCE));
    }

    @Property
    void samplingByEventIdIsStableAndValid(@ForAll("pmfs") float[] pmf, @ForAll String eventId) {
        int n = pmf.length;
        int first = Explore.sampleAfterNormalizing(eventId, pmf.clone(), n);
        assertThat(Explore.sampleAfterNormalizing(eventId, pmf.clone(), n)).isEqualTo(first);
        assertThat(first).isBetween(0, n - 1);
        assertThat(pmf[first]).isPositive();
    }

    @Property
    void samplingAnUnnormalisedOrNegativeVectorStillGivesAValidIndex(
            @ForAll @net.jqwik.api.constraints.Size(min = 1, max = 32) float[] weights, @ForAll long seed) {
        float[] w = weights.clone();
        for (int i = 0; i < w.length; i++) {
            if (!Float.isFinite(w[i])) {
                w[i] = 0f;
            }
            w[i] = Math.max(-1e6f, Math.min(1e6f, w[i]));
        }
        int chosen = Explore.sampleAfterNormalizing(seed, w, w.length);
        assertThat(chosen).isBetween(0, w.length - 1);
        assertThat(w[chosen]).isPositive();
    }
}
