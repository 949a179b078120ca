package io.warren.core.sim;

import java.util.SplittableRandom;

/**
 * A synthetic product with a known reward model, for demos, tests and benchmarks. Each event has a
 * user context {@code u ~ N(0, I)} in R^d; action j has a fixed embedding {@code e_j} in R^m (features
 * are the embedding plus small per-event jitter). The click probability is
 * {@code sigmoid(scale * u^T W x_j + b_j + offset)} with a fixed interaction matrix W, so a learner
 * needs user x action interactions ({@code -q sa}) to beat the best single action.
 *
 * <p>Drift: every {@code driftEvery} events a fraction {@code drift} of W is redrawn, so the best
 * action for a user changes over time. Rewards are 0/1 clicks, or with {@code realRewards} the click
 * probability plus Gaussian noise clipped to [0, 1].
 */
public final class SimulatedProduct {
    private static final double SCALE = 1.5;
    private static final double OFFSET = -1.0;
    private static final double JITTER = 0.1;

    private final SimulationConfig config;
    private final SplittableRandom random;
    private final double[][] embedding;
    private final double[][] interaction;
    private final double[] bias;
    private long events;

    public SimulatedProduct(SimulationConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        int k = config.actions();
        int d = config.contextFeatures();
        int m = config.actionFeatures();
        embedding = new double[k][m];
        for (double[] e : embedding) {
            fillGaussian(e, 1.0);
        }
        interaction = new double[d][m];
        double wScale = 1.0 / Math.sqrt((double) d * m);
        for (double[] row : interaction) {
            fillGaussian(row, wScale);
        }
        bias = new double[k];
        fillGaussian(bias, 0.25);
    }

    public SimulationConfig config() {
        return config;
    }

    /** Draws the next event: a context, the actions' features and every action's click probability. */
    public Event next() {
        if (config.drift() > 0 && events > 0 && events % config.driftEvery() == 0) {
            driftInteractions();
        }
        events++;
        int k = config.actions();
        Event e = new Event(config.contextFeatures(), config.actionFeatures(), k);
        for (int i = 0; i < e.context.length; i++) {
            e.context[i] = round3(gaussian());
        }
        double[] v = new double[config.actionFeatures()];
        for (int i = 0; i < e.context.length; i++) {
            for (int c = 0; c < v.length; c++) {
                v[c] += e.context[i] * interaction[i][c];
            }
        }
        for (int j = 0; j < k; j++) {
            double logit = bias[j] + OFFSET;
            for (int c = 0; c < v.length; c++) {
                e.actionFeatures[j][c] = round3(embedding[j][c] + JITTER * gaussian());
                logit += SCALE * v[c] * e.actionFeatures[j][c];
            }
            e.expectedReward[j] = 1.0 / (1.0 + Math.exp(-logit));
        }
        return e;
    }

    /** The observed reward of taking {@code action} in {@code event}: a click draw or a noisy real value. */
    public double reward(Event event, int action) {
        double p = event.expectedReward[action];
        if (config.realRewards()) {
            return Math.min(1.0, Math.max(0.0, p + config.noise() * gaussian()));
        }
        return random.nextDouble() < p ? 1.0 : 0.0;
    }

    /** A uniform random draw in [0, 1) from the simulation's own stream (for logging policies). */
    public double uniform() {
        return random.nextDouble();
    }

    private void driftInteractions() {
        double wScale = 1.0 / Math.sqrt((double) config.contextFeatures() * config.actionFeatures());
        for (double[] row : interaction) {
            for (int c = 0; c < row.length; c++) {
                if (random.nextDouble() < config.drift()) {
                    row[c] = gaussian() * wScale;
                }
            }
        }
    }

    private void fillGaussian(double[] a, double sd) {
        for (int i = 0; i < a.length; i++) {
            a[i] = gaussian() * sd;
        }
    }

    private double gaussian() {
        // Box-Muller; one of the pair is discarded to keep the stream simple and reproducible.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static double round3(double x) {
        return Math.round(x * 1000.0) / 1000.0;
    }

    /** One event: context, per-action features, and the true expected reward of every action. */
    public static final class Event {
        public final double[] context;
        public final double[][] actionFeatures;
        public final double[] expectedReward;

        Event(int d, int m, int k) {
            context = new double[d];
            actionFeatures = new double[k][m];
            expectedReward = new double[k];
        }

        public int bestAction() {
            int best = 0;
            for (int j = 1; j < expectedReward.length; j++) {
                if (expectedReward[j] > expectedReward[best]) {
                    best = j;
                }
            }
            return best;
        }

        public double meanReward() {
            double s = 0;
            for (double r : expectedReward) {
                s += r;
            }
            return s / expectedReward.length;
        }
    }
}
