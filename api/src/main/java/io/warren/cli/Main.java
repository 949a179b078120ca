package io.warren.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warren} command line. */
@Command(name = "warren", mixinStandardHelpOptions = true, version = "warren 0.1.0",
        description = "Self-hosted online personalization: a VW-compatible contextual-bandit learner and service.",
        subcommands = {TrainCommand.class, SimulateCommand.class, ServeCommand.class, UpCommand.class})
public final class Main implements Callable<Integer> {

    public static void main(String[] args) {
        // Kafka's client is chatty at info; keep its warnings and errors.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(run(args));
    }

    public static int run(String... args) {
        // `train` takes VW's arguments unchanged: picocli has nothing to parse there, and building its model
        // of every subcommand (reflection over their options) cost `warren train` about 60 ms of start-up.
        if (args.length > 0 && args[0].equals("train")) {
            return TrainCommand.train(Arrays.asList(args).subList(1, args.length));
        }
        CommandLine cli = new CommandLine(new Main());
        cli.getSubcommands().get("train").setUnmatchedOptionsArePositionalParams(true);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }
}
