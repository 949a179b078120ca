package io.warren.core.driver;

import io.warren.core.example.Example;
import io.warren.core.model.ModelFile;
import io.warren.core.model.ModelState;
import io.warren.core.output.ProgressTable;
import io.warren.core.parse.DsJsonParser;
import io.warren.core.parse.ExamplePool;
import io.warren.core.parse.ExampleSetup;
import io.warren.core.parse.InputException;
import io.warren.core.parse.LabelParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Online learning from DSJSON lines, one at a time, as {@code warren train --dsjson} learns from a file:
 * the same parser, example setup, stack and per-example bookkeeping ({@code SharedData} updates that move
 * the learning-rate clock), so learning a file's lines one by one gives the model {@link TrainRun} writes
 * with {@code -f}, byte for byte. For the TrainJob, which learns from {@code warren.<loop>.joined}.
 *
 * <p>Each line is one event: a line the file reader would skip ({@code _skipLearn}, no {@code a}
 * actions, not starting with '{') is skipped; so is a line that makes a single example (no
 * {@code _multi}), which VW would glue to the next line's example, meaningless for independent events
 * (the join never writes such lines). A malformed line is counted and skipped, as {@code warren train}
 * does without {@code --strict}. Steady-state learning allocates nothing per line beyond what the
 * stack allocates (examples and their features are pooled).
 *
 * <p>{@link #snapshot()} and {@link #restore} carry everything needed to continue exactly where the
 * learner stopped: Warren's model file (weights and save_resume state) plus the run counters that the
 * model file leaves out. Not thread-safe.
 */
public final class DsJsonLearner {
    /** What became of one line. */
    public enum Outcome { LEARNED, SKIPPED, MALFORMED }

    /** Options a policy for online learning cannot have: they name files or switch learning off. */
    private static final List<String> REFUSED = List.of("data", "predictions", "final_regressor", "initial_regressor",
            "testonly", "json", "audit", "invert_hash", "passes");
    private static final String EXTRA = "online.";
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private final String arguments;
    private final VwOptions options;
    private final LearnerStack stack;
    private final DsJsonParser parser;
    private final ExampleSetup setup;
    private final ExampleReport report;
    private final ExamplePool pool = new ExamplePool();
    private final List<Example> examples = new ArrayList<>();
    private long learned;
    private long skipped;
    private long malformed;
    private String lastError;

    private DsJsonLearner(String arguments) {
        this.arguments = arguments.trim();
        this.options = VwOptions.parse(split(this.arguments));
        for (String name : REFUSED) {
            if (options.has(name)) {
                throw new IllegalArgumentException("--" + name + " has no place in an online learner's arguments");
            }
        }
        this.stack = LearnerStack.build(options);
        if (!stack.multiline()) {
            throw new IllegalArgumentException("DSJSON events are multi-line examples: the policy needs --cb_adf, "
                    + "--cb_explore_adf or --ccb_explore_adf, not a single-line reduction");
        }
        LabelParser labels = stack.newLabelParser();
        this.parser = InputSetup.jsonParser(options, stack, labels, false, true);
        this.setup = InputSetup.exampleSetup(options, stack, labels, false);
        this.report = stack.report(new ProgressTable(NOWHERE, stack.sd), null, NOWHERE, true);
    }

    private static List<String> split(String arguments) {
        return arguments.isEmpty() ? List.of() : Arrays.asList(arguments.split("\\s+"));
    }

    /** A fresh learner for VW {@code arguments} (a policy's, e.g. {@code --cb_explore_adf --epsilon 0.2 -q ::}). */
    public static DsJsonLearner fresh(String arguments) {
        return new DsJsonLearner(arguments);
    }

    /** A learner for {@code arguments} that continues from {@link #snapshot() a snapshot} taken with the same arguments. */
    public static DsJsonLearner restore(String arguments, byte[] snapshot) throws IOException {
        Path tmp = Files.createTempFile("warren-snapshot", ".wrn");
        try {
            Files.write(tmp, snapshot);
            return new DsJsonLearner(arguments).load(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A learner for {@code arguments} that continues from a model file written with the same arguments (by
     * {@link #writeModel} or {@code warren train -f}), as {@code vw -i model} continues from one;
     * {@code learnedBefore} is what {@link #learnedEvents()} counts from (the model file does not record it).
     *
     * @throws IllegalArgumentException when the model was trained with other arguments
     */
    public static DsJsonLearner fromModel(String arguments, Path model, long learnedBefore) throws IOException {
        DsJsonLearner learner = new DsJsonLearner(arguments);
        String recorded = ModelFile.readHeader(model).arguments();
        if (!recorded.equals(learner.modelArguments())) {
            throw new IllegalArgumentException("the model was trained with '" + recorded + "', not with the policy's '"
                    + learner.modelArguments() + "'");
        }
        learner.load(model);
        learner.learned = learnedBefore;
        return learner;
    }

    private DsJsonLearner load(Path file) throws IOException {
        ModelState state = ModelFile.read(file, stack.weights).state();
        stack.load(state);
        loadExtras(state);
        return this;
    }

    /** Learns from the DSJSON line {@code buf[from, to)} (a trailing line break is ignored). */
    public Outcome learn(byte[] buf, int from, int to) {
        while (to > from && (buf[to - 1] == '\n' || buf[to - 1] == '\r')) {
            to--;
        }
        examples.clear();
        try {
            DsJsonParser.Status status = parser.parse(buf, from, to, pool, examples);
            if (status != DsJsonParser.Status.LEARN || examples.size() < 2) {
                skipped++;
                return Outcome.SKIPPED;
            }
            for (int i = 0, n = examples.size(); i < n; i++) {
                setup.setup(examples.get(i));
            }
            stack.learnOne(examples, true);
            report.finish(examples);
            learned++;
            return Outcome.LEARNED;
        } catch (InputException e) {
            malformed++;
            lastError = e.getMessage();
            return Outcome.MALFORMED;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            pool.giveBack(examples);
            examples.clear();
        }
    }

    public Outcome learn(byte[] line) {
        return learn(line, 0, line.length);
    }

    public Outcome learn(String line) {
        return learn(line.getBytes(StandardCharsets.UTF_8));
    }

    /** The arguments this learner was built with, as given. */
    public String arguments() {
        return arguments;
    }

    /** The arguments its model files record (canonical {@code --name value} form, run options left out), as {@code TrainRun} writes them. */
    public String modelArguments() {
        return String.join(" ", options.toArguments(TrainRun.RUN_ONLY));
    }

    /** Events learned from since the learner was fresh (restores included). */
    public long learnedEvents() {
        return learned;
    }

    public long skippedLines() {
        return skipped;
    }

    public long malformedLines() {
        return malformed;
    }

    /** Why the last malformed line was refused, or null. */
    public String lastError() {
        return lastError;
    }

    /** Progressive-validation average loss so far (VW's "average loss"), NaN before the first labelled event. */
    public double averageLoss() {
        return stack.sd.weightedLabeledExamples > 0 ? stack.sd.sumLoss / stack.sd.weightedLabeledExamples : Double.NaN;
    }

    public LearnerStack stack() {
        return stack;
    }

    /** Writes the model as {@code warren train -f file} would write it after the same lines (temp file, then moved). */
    public void writeModel(Path file) throws IOException {
        ModelState state = new ModelState();
        stack.save(state);
        ModelFile.write(file, modelArguments(), state, stack.weights);
    }

    /** The model with the run counters a model file leaves out: what {@link #restore} continues from. */
    public byte[] snapshot() throws IOException {
        ModelState state = new ModelState();
        stack.save(state);
        saveExtras(state);
        Path tmp = Files.createTempFile("warren-snapshot", ".wrn");
        try {
            ModelFile.write(tmp, modelArguments(), state, stack.weights);
            return Files.readAllBytes(tmp);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void saveExtras(ModelState state) {
        var sd = stack.sd;
        state.putDouble(EXTRA + "sum_loss", sd.sumLoss);
        state.putDouble(EXTRA + "weighted_labeled", sd.weightedLabeledExamples);
        state.putDouble(EXTRA + "weighted_unlabeled", sd.weightedUnlabeledExamples);
        state.putDouble(EXTRA + "weighted_labels", sd.weightedLabels);
        state.putDouble(EXTRA + "weighted_holdout", sd.weightedHoldoutExamples);
        state.putLong(EXTRA + "example_number", sd.exampleNumber);
        state.putLong(EXTRA + "total_features", sd.totalFeatures);
        state.putLong(EXTRA + "learned", learned);
        state.putLong(EXTRA + "skipped", skipped);
        state.putLong(EXTRA + "malformed", malformed);
    }

    private void loadExtras(ModelState state) {
        var sd = stack.sd;
        sd.sumLoss = state.getDouble(EXTRA + "sum_loss", 0);
        sd.weightedLabeledExamples = state.getDouble(EXTRA + "weighted_labeled", 0);
        sd.weightedUnlabeledExamples = state.getDouble(EXTRA + "weighted_unlabeled", 0);
        sd.weightedLabels = state.getDouble(EXTRA + "weighted_labels", 0);
        sd.weightedHoldoutExamples = state.getDouble(EXTRA + "weighted_holdout", 0);
        sd.exampleNumber = state.getLong(EXTRA + "example_number", 0);
        sd.totalFeatures = state.getLong(EXTRA + "total_features", 0);
        learned = state.getLong(EXTRA + "learned", 0);
        skipped = state.getLong(EXTRA + "skipped", 0);
        malformed = state.getLong(EXTRA + "malformed", 0);
    }
}
