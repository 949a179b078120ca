package io.warren.core.driver;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.hash.FeatureHasher;
import io.warren.core.model.ModelFile;
import io.warren.core.model.ModelState;
import io.warren.core.output.CFormat;
import io.warren.core.output.ProgressTable;
import io.warren.core.parse.CbLabelParser;
import io.warren.core.parse.ExampleSetup;
import io.warren.core.parse.InputException;
import io.warren.core.parse.LabelParser;
import io.warren.core.parse.LineReader;
import io.warren.core.parse.NgramTransformer;
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
    private static final Set<String> RUN_ONLY = Set.of("data", "predictions", "final_regressor", "initial_regressor",
            "testonly", "quiet", "progress", "audit", "strict", "invert_hash", "readable_model", "cache", "passes",
            "no_stdin", "save_resume", "predict_only_model");

    private final PrintStream err;
    private final Path workDir;
    private long malformed;

    public TrainRun(PrintStream err, Path workDir) {
        this.err = err;
        this.workDir = workDir;
    }

    public int run(List<String> args) {
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
        AdfReport report = new AdfReport(stack.sd, stack.cbAdf, stack.explore, table, predictions, quiet);
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
        err.println("Input label = CB");
        err.println("Output pred = " + (stack.explore != null ? "ACTION_PROBS" : "ACTION_SCORES"));
    }

    private void process(Path path, String displayName, VwOptions o, LearnerStack stack, AdfReport report,
                         boolean training) throws IOException {
        LabelParser labels = new CbLabelParser();
        FeatureHasher hasher = FeatureHasher.fromOption(o.string("hash", "strings"));
        TextParser parser = new TextParser(hasher, o.longValue("hash_seed", 0), stack.weights.bits,
                o.has("audit"), labels);
        boolean[] ignore = new boolean[256];
        for (String ns : o.all("ignore")) {
            for (byte b : ns.getBytes(StandardCharsets.ISO_8859_1)) {
                ignore[b & 0xff] = true;
            }
        }
        if (o.has("keep")) {
            Arrays.fill(ignore, true);
            for (String ns : o.all("keep")) {
                for (byte b : ns.getBytes(StandardCharsets.ISO_8859_1)) {
                    ignore[b & 0xff] = false;
                }
            }
        }
        NgramTransformer ngrams = new NgramTransformer(o.all("ngram"), o.all("skips"));
        ExampleSetup setup = new ExampleSetup(labels, ignore, ngrams, !o.has("noconstant"),
                ((long) stack.totalWidth) << stack.weights.strideShift, stack.interactions, o.has("permutations"));
        boolean strict = o.has("strict");
        List<Example> pool = new ArrayList<>();
        List<Example> seq = new ArrayList<>();
        long seqStartLine = 0;
        boolean skipping = false;
        ActionScores saved = new ActionScores();
        try (LineReader reader = LineReader.open(path)) {
            while (true) {
                boolean more = reader.next();
                Example ec = null;
                boolean endOfExample;
                if (more) {
                    ec = pool.isEmpty() ? new Example() : pool.remove(pool.size() - 1);
                    ec.reset();
                    try {
                        parser.parse(reader.buffer(), 0, reader.length(), ec);
                        String warnings = parser.takeWarnings();
                        if (!warnings.isEmpty()) {
                            if (strict) {
                                throw new StrictParseFailure("Error: " + displayName + ":" + reader.lineNumber()
                                        + ": " + warnings.strip());
                            }
                            err.println("warning: " + displayName + ":" + reader.lineNumber() + ": " + warnings.strip());
                        }
                    } catch (InputException e) {
                        reportBadLine(displayName, reader.lineNumber(), e.getMessage(), strict);
                        skipping = true;
                        pool.add(ec);
                        continue;
                    }
                    boolean newline = ec.isNewline && !ec.cb.isHeader() && labels.isTest(ec);
                    setup.setup(ec);
                    if (!newline) {
                        if (seq.isEmpty()) {
                            seqStartLine = reader.lineNumber();
                        }
                        seq.add(ec);
                        continue;
                    }
                    endOfExample = true;
                    pool.add(ec);
                } else {
                    endOfExample = true;
                }
                if (endOfExample && !seq.isEmpty()) {
                    if (!skipping) {
                        try {
                            learnOne(stack, seq, training, saved);
                            report.finish(seq);
                        } catch (InputException e) {
                            reportBadLine(displayName, seqStartLine, e.getMessage(), strict);
                        }
                    }
                    pool.addAll(seq);
                    seq.clear();
                }
                skipping = false;
                if (!more) {
                    break;
                }
            }
        }
    }

    private static void learnOne(LearnerStack stack, List<Example> seq, boolean training, ActionScores saved) {
        if (!training) {
            stack.top.predict(seq);
        } else if (stack.top.learnReturnsPrediction()) {
            stack.top.learn(seq);
        } else {
            stack.top.predict(seq);
            saved.copyFrom(seq.get(0).predActionScores);
            stack.top.learn(seq);
            seq.get(0).predActionScores.copyFrom(saved);
        }
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
