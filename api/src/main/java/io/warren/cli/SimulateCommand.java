package io.warren.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code warren simulate}: a simulated product with a known reward model. */
@Command(name = "simulate", description = "Generate data from a simulated product with a known reward model.")
public final class SimulateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("warren simulate: not implemented yet");
        return 1;
    }
}
