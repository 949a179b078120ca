package io.warren.core.sim;

/**
 * Settings of a {@link SimulatedProduct}: sizes, reward noise, drift and seed. The same seed gives
 * the same events and rewards on every machine.
 */
public record SimulationConfig(int actions, int contextFeatures, int actionFeatures, double noise, double drift,
                               long driftEvery, boolean realRewards, long seed) {

    public SimulationConfig {
        if (actions < 2 || actions > 50) {
            throw new IllegalArgumentException("actions must be in [2, 50], was " + actions);
        }
        if (contextFeatures < 1 || actionFeatures < 1) {
            throw new IllegalArgumentException("context and action features must be at least 1");
        }
        if (noise < 0 || drift < 0 || drift > 1) {
            throw new IllegalArgumentException("noise must be >= 0 and drift in [0, 1]");
        }
        if (driftEvery < 1) {
            throw new IllegalArgumentException("driftEvery must be at least 1");
        }
    }

    public static SimulationConfig defaults() {
        return new SimulationConfig(10, 20, 10, 0.1, 0.0, 10_000, false, 1);
    }
}
