package io.warren.cli;

import io.warren.core.driver.TrainRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code warren train <vw arguments>}: a drop-in for {@code vw} on the contextual-bandit options. */
@Command(name = "train", description = "Train or test like `vw`: takes VW's command line unchanged "
        + "(e.g. --cb_explore_adf -q sa -d data.txt -p preds -f model).")
public final class TrainCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "VW_ARGS", description = "VW arguments")
    List<String> vwArgs = new ArrayList<>();

    @Override
    public Integer call() {
        return train(vwArgs);
    }

    static int train(List<String> vwArgs) {
        return new TrainRun(System.err, Path.of("")).run(vwArgs);
    }
}
