package io.warren.cli;

import io.warren.api.sim.LiveSimulation;
import io.warren.core.sim.LoggedDataWriter;
import io.warren.core.sim.SimulatedProduct;
import io.warren.core.sim.SimulationConfig;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code warren simulate}: logged data from a simulated product with a known reward model, and the
 * expected reward of the optimal and the random policy on it (a JSON line on stderr); or, with
 * {@code --url}, the same product driving a live Warren (rank, then a click's reward), reporting per
 * period how much of the gap between the random and the optimal policy the live loop closed.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write logged bandit data from a simulated product with a known reward model.")
public final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "10000", description = "Number of events (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--actions", defaultValue = "10", description = "Actions per event, 2..50 (default ${DEFAULT-VALUE}).")
    int actions;

    @Option(names = "--context-features", defaultValue = "20", description = "User features (default ${DEFAULT-VALUE}).")
    int contextFeatures;

    @Option(names = "--action-features", defaultValue = "10", description = "Features per action (default ${DEFAULT-VALUE}).")
    int actionFeatures;

    @Option(names = "--noise", defaultValue = "0.1", description = "Reward noise sd with --real-rewards (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--real-rewards", description = "Real rewards in [0,1] instead of 0/1 clicks.")
    boolean realRewards;

    @Option(names = "--drift", defaultValue = "0", description = "Fraction of the reward model redrawn every --drift-every events (default ${DEFAULT-VALUE}).")
    double drift;

    @Option(names = "--drift-every", defaultValue = "10000", description = "Events between drift steps (default ${DEFAULT-VALUE}).")
    long driftEvery;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "text", description = "text (VW cb_adf) or dsjson (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--out"}, defaultValue = "-", description = "Output file, - for stdout (default ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--url", description = "Drive a live Warren at this endpoint instead of writing data.")
    String url;

    @Option(names = "--key", description = "The loop's key (with --url).")
    String key;

    @Option(names = "--loop", description = "The loop to drive (with --url; default: the endpoint's default loop).")
    String loop;

    @Option(names = "--rate", defaultValue = "200", description = "Events per second with --url (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--reward-delay", defaultValue = "PT0.1S",
            description = "How long after the rank a click's reward is posted (default ${DEFAULT-VALUE}).")
    java.time.Duration rewardDelay;

    @Option(names = "--period", defaultValue = "PT5S", description = "One report row per period (default ${DEFAULT-VALUE}).")
    java.time.Duration period;

    @Override
    public Integer call() throws Exception {
        SimulationConfig config = new SimulationConfig(actions, contextFeatures, actionFeatures, noise, drift,
                driftEvery, realRewards, seed);
        if (url != null) {
            return live(new SimulatedProduct(config));
        }
        LoggedDataWriter.Format fmt = switch (format) {
            case "text" -> LoggedDataWriter.Format.TEXT;
            case "dsjson" -> LoggedDataWriter.Format.DSJSON;
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--format must be text or dsjson, was '" + format + "'");
        };
        LoggedDataWriter writer = new LoggedDataWriter(new SimulatedProduct(config), fmt);
        boolean toStdout = out.equals("-");
        if (!toStdout && Path.of(out).getParent() != null) {
            Files.createDirectories(Path.of(out).getParent());
        }
        try (Writer w = toStdout
                ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                : Files.newBufferedWriter(Path.of(out), StandardCharsets.UTF_8)) {
            writer.write(w, events);
        }
        System.err.println(writer.summary().toJson());
        return 0;
    }

    /** Ranks and rewards through the live API, printing a row per period and the whole run's summary. */
    private int live(SimulatedProduct product) throws InterruptedException {
        if (key == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--url needs --key");
        }
        String endpoint = url.replaceAll("/+$", "") + (loop == null ? "" : "/loops/" + loop);
        LiveSimulation simulation = new LiveSimulation(new LiveSimulation.Settings(endpoint, key, events, rate,
                rewardDelay, period, 32, "sim-" + Long.toHexString(System.currentTimeMillis())), product);
        System.out.println(LiveSimulation.header());
        int[] index = {0};
        List<LiveSimulation.Period> periods = simulation.run(p -> {
            System.out.println(LiveSimulation.row(++index[0], p));
            return true;
        });
        LiveSimulation.Period total = LiveSimulation.total(periods);
        System.out.println("-".repeat(LiveSimulation.header().length()));
        System.out.println(LiveSimulation.row(0, total).replaceFirst("^ +0", "   all"));
        return total.errors() == 0 ? 0 : 1;
    }
}
