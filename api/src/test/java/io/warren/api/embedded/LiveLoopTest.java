package io.warren.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.api.sim.LiveSimulation;
import io.warren.core.sim.SimulatedProduct;
import io.warren.core.sim.SimulationConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop at the embedded defaults (Personalizer's default policy, a 5 s reward wait, models
 * exported every second): a simulated product ranks and rewards through the API, the jobs join and
 * train, the API serves each new model, and within a few minutes Warren's choices close most of the gap
 * between the random and the optimal policy.
 */
class LiveLoopTest {
    private static final int EVENTS_PER_SECOND = 400;
    private static final Duration LIMIT = Duration.ofMinutes(6);

    @TempDir
    Path data;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void theLiveLoopClosesMostOfTheGapBetweenRandomAndOptimalWithinMinutes() throws Exception {
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, System.getProperty("java.class.path"),
                JobsClasspath.built(), "127.0.0.1", freePort(), freePort(), freePort(), "live");
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            SimulatedProduct product = new SimulatedProduct(new SimulationConfig(5, 20, 10, 0.1, 0, 10_000, false, 7));
            long events = EVENTS_PER_SECOND * LIMIT.toSeconds();
            LiveSimulation simulation = new LiveSimulation(new LiveSimulation.Settings(stack.url(), stack.key(), events,
                    EVENTS_PER_SECOND, Duration.ofMillis(100), Duration.ofSeconds(10), 32, "live"), product);
            int[] closedInARow = {0};
            List<LiveSimulation.Period> periods = simulation.run(p -> {
                System.out.println(LiveSimulation.row(0, p));
                closedInARow[0] = p.gapClosed() >= 0.5 ? closedInARow[0] + 1 : 0;
                return closedInARow[0] < 2;
            });
            LiveSimulation.Period first = periods.get(0);
            assertThat(first.gapClosed()).as("before any model Warren draws uniformly").isLessThan(0.15);
            assertThat(closedInARow[0]).as("two periods in a row closing half the gap or more, within %s: %s",
                    LIMIT, periods).isEqualTo(2);
            assertThat(LiveSimulation.total(periods).errors()).isZero();
        }
    }
}
