package io.warren.core.driver;

import io.warren.core.learn.Audit;
import io.warren.core.model.ModelFile;
import io.warren.core.model.ModelState;
import io.warren.core.output.CFormat;
import io.warren.core.output.ProgressTable;
import io.warren.core.parse.ExampleSetup;
import io.warren.core.parse.InputException;
import io.warren.core.parse.JsonExampleReader;
import io.warren.core.parse.LabelParser;
import io.warren.core.parse.LineReader;
import io.warren.core.parse.MultiExample;
import io.warren.core.parse.MultiExampleSource;
import io.warren.core.parse.ParseAhead;
import io.warren.core.parse.TextExampleReader;
import io.warren.core.parse.TextParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code warren train}: runs a VW command line over a data file the way {@code vw} does, printing the
 * same diagnostics, progress table and summary on stderr, writing predictions and a model.
 *
 * <p>Exit codes: 0 success, 1 bad options or unreadable files, 2 malformed input under --strict.
 */
public final class TrainRun {
    /** Options that describe one run, not the model: never carried over from a loaded model. */
    static final Set<String> RUN_ONLY = Set.of("data", "predictions", "final_regressor", "initial_regressor",
            "testonly", "quiet", "progress", "audit", "strict", "invert_hash", "readable_model", "cache", "passes",
            "no_stdin", "save_resume", "predict_only_model", "dsjson", "json", "no_predict", "all_slots_loss");

    private final PrintStream out;
    private final PrintStream err;
    private final Path workDir;
    private long malformed;

    /** {@code out} takes what VW prints on stdout (--audit); {@code err} the diagnostics and progress table. */
    public TrainRun(PrintStream out, PrintStream err, Path workDir) {
        this.out = out;
        this.err = err;
        this.workDir = workDir;
    }

    public TrainRun(PrintStream err, Path workDir) {
        this(System.out, err, workDir);
    }

    public int run(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(VwOptions.usage());
            return 0;
        }
        VwOptions options;
        try {
            options = VwOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        try {
            return train(options);
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (StrictParseFailure e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
    }

    private Path resolve(String file) {
        return workDir.resolve(file);
    }

    private int train(VwOptions cli) throws IOException {
        boolean quiet = cli.has("quiet");
        ModelFile.Header loaded = null;
        VwOptions options = cli;
        if (cli.has("initial_regressor")) {
            Path modelPath = resolve(cli.string("initial_regressor", null));
            loaded = ModelFile.readHeader(modelPath);
            options = merge(cli, loaded.arguments());
        }
        LearnerStack stack = LearnerStack.build(options);
        if (loaded != null) {
            ModelFile.read(resolve(cli.string("initial_regressor", null)), stack.weights);
            stack.load(loaded.state());
        }
        boolean training = stack.gdConfig.training();
        Audit audit = null;
        if (options.has("audit") || options.has("invert_hash")) {
            audit = new Audit(options.has("audit") ? out : null, options.has("invert_hash"));
            stack.gd.setAudit(audit);
        }
        if (!quiet) {
            printHeader(options, stack, training);
        }
        Writer predictions = openPredictions(options);
        ProgressTable table = new ProgressTable(err, stack.sd);
        if (options.has("progress")) {
            String p = options.string("progress", "2");
            stack.sd.progressAdd = !p.contains(".");
            stack.sd.progressArg = Float.parseFloat(p);
            stack.sd.dumpInterval = stack.sd.progressAdd ? stack.sd.progressArg : 1f;
        }
        if (!quiet) {
            table.header();
        }
        ExampleReport report = stack.report(table, predictions, out, quiet);
        try {
            for (String data : options.all("data")) {
                process(resolve(data), data, options, stack, report, training);
            }
        } finally {
            if (predictions != null) {
                predictions.close();
            }
        }
        if (!quiet) {
            table.summary();
            if (malformed > 0) {
                err.println("malformed lines skipped = " + malformed);
            }
        }
        if (audit != null && options.has("invert_hash")) {
            try (Writer w = Files.newBufferedWriter(resolve(options.string("invert_hash", null)), StandardCharsets.UTF_8)) {
                audit.writeInvertHash(w, String.join(" ", options.toArguments(RUN_ONLY)), stack.weights,
                        stack.gd.rule());
            }
        }
        out.flush();
        if (options.has("final_regressor")) {
            ModelState state = new ModelState();
            stack.save(state);
            ModelFile.write(resolve(options.string("final_regressor", null)), String.join(" ", options.toArguments(RUN_ONLY)), state,
                    stack.weights);
        }
        return 0;
    }

    private static VwOptions merge(VwOptions cli, String saved) {
        List<String> merged = new ArrayList<>(cli.original());
        VwOptions savedOptions = VwOptions.parse(Arrays.asList(saved.isBlank() ? new String[0] : saved.split(" ")));
        Set<String> skip = new java.util.HashSet<>(RUN_ONLY);
        skip.addAll(cli.names());
        merged.addAll(savedOptions.toArguments(skip));
        return VwOptions.parse(merged);
    }

    private Writer openPredictions(VwOptions options) throws IOException {
        if (!options.has("predictions")) {
            return null;
        }
        String name = options.string("predictions", null);
        if (name.equals("/dev/stdout") || name.equals("-")) {
            return new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        }
        return Files.newBufferedWriter(resolve(name), StandardCharsets.UTF_8);
    }

    private void printHeader(VwOptions o, LearnerStack stack, boolean training) {
        for (String q : o.all("quadratic")) {
            err.println("creating quadratic features for pairs: " + q);
        }
        for (String c : o.all("cubic")) {
            err.println("creating cubic features for triples: " + c);
        }
        if (o.has("final_regressor")) {
            err.println("final_regressor = " + o.string("final_regressor", ""));
        }
        if (o.has("predictions")) {
            err.println("predictions = " + o.string("predictions", ""));
        }
        if (!training) {
            err.println("only testing");
        }
        for (String line : stack.setupMessages) {
            err.println(line);
        }
        err.println("using no cache");
        for (String d : o.all("data")) {
            err.println("Reading datafile = " + d);
        }
        err.println("num sources = " + o.all("data").size());
        err.println("Num weight bits = " + stack.weights.bits);
        err.println("learning rate = " + CFormat.g(stack.gdConfig.learningRate(), 6));
        err.println("initial_t = " + CFormat.g(stack.sd.t > 0 ? stack.sd.t : stack.gdConfig.initialT(), 6));
        err.println("power_t = " + CFormat.g(stack.gdConfig.powerT(), 6));
        err.println("cb_type = " + stack.cbAdf.cbType().option());
        err.println("Enabled learners: " + String.join(", ", stack.enabled));
        err.println("Input label = " + stack.inputLabelType());
        err.println("Output pred = " + stack.outputPredictionType());
    }

    private void process(Path path, String displayName, VwOptions o, LearnerStack stack, ExampleReport report,
                         boolean training) throws IOException {
        boolean strict = o.has("strict");
        // A short queue: the examples in flight (and the pool that recycles them) stay in cache. With 256
        // units ahead, K=50 examples went through main memory and learning took 1.4x as long.
        try (MultiExampleSource source = new ParseAhead(openSource(path, o, stack), 16)) {
            MultiExample unit;
            while ((unit = source.next()) != null) {
                try {
                    if (unit.warnings != null && unit.warnings.length() > 0) {
                        for (String w : unit.warnings.toString().split("\n")) {
                            if (strict) {
                                throw new StrictParseFailure("Error: " + displayName + ":" + w);
                            }
                            err.println("warning: " + displayName + ":" + w);
                        }
                    }
                    if (unit.error != null) {
                        reportBadLine(displayName, unit.errorLine, unit.error, strict);
                        malformed += unit.malformedLines - 1;
                    } else if (!unit.isEmpty()) {
                        try {
                            stack.learnOne(unit.examples, training);
                            report.finish(unit.examples);
                        } catch (InputException e) {
                            reportBadLine(displayName, unit.firstLine, e.getMessage(), strict);
                        }
                    }
                } finally {
                    source.release(unit);
                }
            }
        }
    }

    private static MultiExampleSource openSource(Path path, VwOptions o, LearnerStack stack) throws IOException {
        LabelParser labels = stack.newLabelParser();
        boolean names = o.has("audit") || o.has("invert_hash");
        ExampleSetup setup = InputSetup.exampleSetup(o, stack, labels, names);
        if (o.has("dsjson") || o.has("json")) {
            return new JsonExampleReader(LineReader.open(path), InputSetup.jsonParser(o, stack, labels, names,
                    o.has("dsjson")), setup);
        }
        TextParser parser = new TextParser(InputSetup.hasher(o), InputSetup.hashSeed(o), stack.weights.bits, names,
                labels);
        return new TextExampleReader(LineReader.open(path), parser, setup, labels, stack.multiline());
    }

    private void reportBadLine(String file, long line, String message, boolean strict) {
        String text = file + ":" + line + ": " + message;
        if (strict) {
            throw new StrictParseFailure("Error: " + text);
        }
        malformed++;
        err.println("warning: " + text + " (line skipped)");
    }

    private static final class StrictParseFailure extends RuntimeException {
        StrictParseFailure(String message) {
            super(message, null, false, false);
        }
    }
}
