package io.warren.core.driver;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.example.Interactions;
import io.warren.core.hash.FeatureHasher;
import io.warren.core.explore.RandState;
import io.warren.core.learn.GdConfig;
import io.warren.core.learn.GradientDescent;
import io.warren.core.learn.LineLearner;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SharedData;
import io.warren.core.learn.SingleLearner;
import io.warren.core.learn.Weights;
import io.warren.core.model.ModelFile;
import io.warren.core.model.ModelState;
import io.warren.core.output.CFormat;
import io.warren.core.output.ProgressTable;
import io.warren.core.parse.CbLabelParser;
import io.warren.core.parse.CcbLabelParser;
import io.warren.core.parse.LabelParser;
import io.warren.core.parse.MulticlassLabelParser;
import io.warren.core.reductions.AdfActions;
import io.warren.core.reductions.BagExplore;
import io.warren.core.reductions.CbAdf;
import io.warren.core.reductions.CbExploreAdf;
import io.warren.core.reductions.CbSample;
import io.warren.core.reductions.CbToCbAdf;
import io.warren.core.reductions.CbType;
import io.warren.core.reductions.CbifyAdf;
import io.warren.core.reductions.CcbExploreAdf;
import io.warren.core.reductions.CoverExplore;
import io.warren.core.reductions.CsoaaLdf;
import io.warren.core.reductions.ExploreStrategy;
import io.warren.core.reductions.FirstExplore;
import io.warren.core.reductions.GdLearner;
import io.warren.core.reductions.GenerateInteractions;
import io.warren.core.reductions.GreedyExplore;
import io.warren.core.reductions.RegCbExplore;
import io.warren.core.reductions.RndExplore;
import io.warren.core.reductions.Scorer;
import io.warren.core.reductions.SharedFeatureMerger;
import io.warren.core.reductions.SoftmaxExplore;
import io.warren.core.reductions.SquareCbExplore;
import io.warren.core.reductions.SynthCoverExplore;
import io.warren.kernels.SparseKernels;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the reduction stack for a VW command line, bottom up, the way VW's reduction_stack does:
 * {@code gd -> [generate_interactions] -> scorer -> csoaa_ldf -> cb_adf -> [explore] -> shared_feature_merger},
 * with {@code cb_to_cbadf} or {@code cbify-adf} on top when the input is one line per example.
 * Each layer's weight offset increment is the product of the feature widths of it and the layers
 * below (times the stride), so models of bagging, cover or DR interleave in one weight table.
 */
public final class LearnerStack {
    public final VwOptions options;
    public final SharedData sd = new SharedData();
    public final GdConfig gdConfig;
    public final Weights weights;
    public final GradientDescent gd;
    public final int[][] interactions;
    public final int totalWidth;
    public final CbAdf cbAdf;
    public final CbExploreAdf explore;
    /** The CCB layer under --ccb_explore_adf, else null. */
    public final CcbExploreAdf ccb;
    public final MultiLearner top;
    /** The single-line reduction on top of {@link #top} (cb_to_cbadf, cbify-adf), or null for ADF input. */
    public final LineLearner line;
    private final ActionScores savedScores = new ActionScores();
    public final RandState random;
    public final List<String> enabled = new ArrayList<>();
    /** Lines VW prints while building the stack (strategy banners, deprecation warnings). */
    public final List<String> setupMessages = new ArrayList<>();

    /** @param shared a weight table to use instead of a fresh one (serving stacks of one model), or null */
    private LearnerStack(VwOptions o, Weights shared) {
        this.options = o;
        rejectUnsupported(o);
        boolean training = !o.has("testonly");
        this.gdConfig = gdConfig(o, training);
        this.random = new RandState(o.longValue("random_seed", 0));
        this.interactions = interactions(o);
        LineInput lineInput = LineInput.of(o);
        boolean ccbMode = o.has("ccb_explore_adf");
        if (!o.has("cb_adf") && !o.has("cb_explore_adf") && !ccbMode && lineInput == LineInput.NONE) {
            throw new IllegalArgumentException("Warren's learner needs a contextual-bandit reduction: --cb_adf, "
                    + "--cb_explore_adf, --ccb_explore_adf, --cb, --cb_explore or --cbify");
        }
        if (lineInput == LineInput.CBIFY) {
            cbifyOptions(o);
        }
        boolean exploring = o.has("cb_explore_adf") || lineInput.explores();
        boolean cbAdfGiven = o.has("cb_adf") || lineInput == LineInput.CB;
        CbType cbType = CbType.fromOption(o.string("cb_type", "mtr"));
        ExploreStrategy strategy = exploring || ccbMode ? strategy(o, cbType) : null;
        int cbAdfWidth = cbType == CbType.DR ? 2 : 1;
        int exploreWidth = strategy == null ? 1 : strategy.featureWidth();
        this.totalWidth = cbAdfWidth * exploreWidth;
        int bits = o.intValue("bit_precision", 18);
        int strideShift = GradientDescent.strideShift(gdConfig);
        if (shared != null && (shared.bits != bits || shared.strideShift != strideShift)) {
            throw new IllegalArgumentException("a shared weight table of -b " + shared.bits + " and stride shift "
                    + shared.strideShift + " does not fit -b " + bits + " and " + strideShift);
        }
        this.weights = shared != null ? shared : new Weights(bits, strideShift);
        this.gd = new GradientDescent(gdConfig, weights, sd, totalWidth, SparseKernels.defaultKernels());
        if (!training || o.has("min_prediction") || o.has("max_prediction")) {
            sd.trackLabelRange = false;
        }
        sd.minLabel = o.floatValue("min_prediction", 0f);
        sd.maxLabel = o.floatValue("max_prediction", 0f);
        long stride = weights.stride();

        SingleLearner bottom = new GdLearner(gd);
        bottom.setIncrement(stride);
        enabled.add(bottom.name());
        if (Interactions.hasWildcard(interactions) || ccbMode) {
            bottom = new GenerateInteractions(bottom, o.has("leave_duplicate_interactions"));
            bottom.setIncrement(stride);
            enabled.add(bottom.name());
        }
        SingleLearner scorer = new Scorer(bottom, sd);
        scorer.setIncrement(stride);
        enabled.add(scorer.name());
        MultiLearner csoaa = new CsoaaLdf(scorer);
        csoaa.setIncrement(stride);
        enabled.add(csoaa.name());
        boolean noPredict = o.has("no_predict") || (strategy != null && strategy.cbAdfNoPredict(cbAdfGiven));
        this.cbAdf = new CbAdf(csoaa, scorer, cbType, o.floatValue("clip_p", 0f), noPredict, o.has("rank_all"), sd,
                totalWidth);
        cbAdf.setIncrement(stride * cbAdfWidth);
        enabled.add(cbAdf.name());
        MultiLearner current = cbAdf;
        if (strategy != null) {
            this.explore = new CbExploreAdf(cbAdf, strategy);
            explore.setIncrement(stride * totalWidth);
            strategy.attach(cbAdf, explore.increment());
            enabled.add(explore.name());
            current = explore;
        } else {
            this.explore = null;
        }
        if (ccbMode && !o.has("no_predict")) {
            current = new CbSample(current, random);
            current.setIncrement(stride * totalWidth);
            enabled.add(current.name());
        }
        MultiLearner sfm = new SharedFeatureMerger(current);
        sfm.setIncrement(stride * totalWidth);
        enabled.add(sfm.name());
        this.ccb = ccbMode ? ccb(o, sfm, weights.bits, stride) : null;
        this.top = ccb != null ? ccb : sfm;
        this.line = lineInput.build(o, sfm, stride * totalWidth, weights.mask);
        if (line != null) {
            enabled.add(line.name());
        }
    }

    private CcbExploreAdf ccb(VwOptions o, MultiLearner base, int bits, long stride) {
        if (o.has("no_predict") && o.has("predictions")) {
            throw new IllegalArgumentException("Cannot use flags --no_predict and -p simultaneously");
        }
        if (o.has("no_predict") && !o.string("cb_type", "mtr").equals("mtr")) {
            throw new IllegalArgumentException("--no_predict flag can only be used with default cb_type mtr");
        }
        CcbExploreAdf layer = new CcbExploreAdf(base, interactions,
                FeatureHasher.fromOption(o.string("hash", "strings")), o.longValue("hash_seed", 0), bits,
                totalWidth * stride, o.has("audit") || o.has("invert_hash"), o.has("no_predict"),
                o.has("ccb_no_slot_index"));
        layer.setIncrement(stride * totalWidth);
        enabled.add(layer.name());
        return layer;
    }

    /** Which single-line reduction, if any, turns each input line into a multi-line example. */
    private enum LineInput {
        NONE, CB, CB_EXPLORE, CBIFY;

        static LineInput of(VwOptions o) {
            boolean any = o.has("cbify") || o.has("cb") || o.has("cb_explore");
            if (any && o.has("cb_force_legacy")) {
                throw new IllegalArgumentException("--cb_force_legacy (VW's non-ADF cb_algs) is not implemented");
            }
            if (o.has("cbify")) {
                if (o.has("cbify_cs") || o.has("cbify_reg")) {
                    throw new IllegalArgumentException("--cbify_cs and --cbify_reg are not implemented");
                }
                return CBIFY;
            }
            if (o.has("cb_explore")) {
                return CB_EXPLORE;
            }
            return o.has("cb") ? CB : NONE;
        }

        boolean explores() {
            return this == CB_EXPLORE || this == CBIFY;
        }

        LineLearner build(VwOptions o, MultiLearner base, long featureWidthBelow, long weightMask) {
            return switch (this) {
                case NONE -> null;
                case CB -> new CbToCbAdf(base, new AdfActions(actions(o, "cb"), featureWidthBelow, weightMask),
                        false);
                case CB_EXPLORE -> new CbToCbAdf(base,
                        new AdfActions(actions(o, "cb_explore"), featureWidthBelow, weightMask), true);
                case CBIFY -> new CbifyAdf(base, new AdfActions(actions(o, "cbify"), featureWidthBelow, weightMask),
                        o.floatValue("loss0", 0f), o.floatValue("loss1", 1f), o.has("flip_loss_sign"));
            };
        }

        private static int actions(VwOptions o, String option) {
            long k = o.longValue(option, 0);
            if (k <= 0 || k > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("cb num actions must be positive");
            }
            return (int) k;
        }
    }

    /** What VW's cbify adds to the options of the reductions below it. */
    private static void cbifyOptions(VwOptions o) {
        if (o.has("regcb") || o.has("squarecb")) {
            o.insertIfAbsent("cb_min_cost", Float.toString(o.floatValue("loss0", 0f)));
            o.insertIfAbsent("cb_max_cost", Float.toString(o.floatValue("loss1", 1f)));
        }
    }

    /** True when each input line is one example (--cb, --cb_explore, --cbify), false for multi-line ADF input. */
    public boolean multiline() {
        return line == null;
    }

    /** Whether this stack explores over action lines ({@code --cb_explore_adf}, not CCB): what the rank path serves. */
    public boolean exploresActionLines() {
        return multiline() && explore != null && ccb == null;
    }

    /** Whether this stack fills slots ({@code --ccb_explore_adf} with predictions): what multi-slot rank serves. */
    public boolean decidesSlots() {
        return ccb != null && !ccb.noPredict();
    }

    /** Whether the rank path can serve this stack: one of {@link #exploresActionLines()}, {@link #decidesSlots()}. */
    public boolean servesRanks() {
        return exploresActionLines() || decidesSlots();
    }

    /** VW's label type of the input lines: a cbify line is multiclass, everything else a CB label. */
    public String inputLabelType() {
        if (ccb != null) {
            return "CCB";
        }
        return line instanceof CbifyAdf ? "MULTICLASS" : "CB";
    }

    public String outputPredictionType() {
        if (ccb != null) {
            return "DECISION_PROBS";
        }
        if (line instanceof CbifyAdf) {
            return "MULTICLASS";
        }
        if (line instanceof CbToCbAdf c) {
            return c.exploreMode() ? "ACTION_PROBS" : "MULTICLASS";
        }
        return explore != null ? "ACTION_PROBS" : "ACTION_SCORES";
    }

    /** A fresh parser for this stack's input labels. */
    public LabelParser newLabelParser() {
        if (ccb != null) {
            return new CcbLabelParser();
        }
        return line instanceof CbifyAdf ? new MulticlassLabelParser() : new CbLabelParser();
    }

    /**
     * What parsed feature indices are multiplied by (VW's setup_example): the weight positions of one
     * feature across every model of the stack, rounded up to a power of two as VW does.
     */
    public long indexMultiplier() {
        return Long.highestOneBit(((long) totalWidth << 1) - 1) << weights.strideShift;
    }

    /** The reporting that matches the top of this stack. */
    ExampleReport report(ProgressTable table, Writer predictions, PrintStream out, boolean quiet) {
        if (ccb != null) {
            return new CcbReport(sd, ccb, table, predictions, out, quiet, options.has("all_slots_loss"));
        }
        AdfReport adf = new AdfReport(sd, cbAdf, explore, table, predictions, quiet);
        if (line instanceof CbToCbAdf c) {
            return new CbToAdfReport(c, adf);
        }
        if (line instanceof CbifyAdf) {
            return new MulticlassReport(sd, table, predictions, quiet);
        }
        return adf;
    }

    /**
     * Runs one example through the stack as VW's workspace::learn does: predict only when testing (or,
     * for a single line, when its label is a test label); otherwise learn, predicting first and keeping
     * that prediction when the top's learn does not leave one.
     */
    public void learnOne(List<Example> unit, boolean training) {
        if (line == null) {
            if (!training) {
                top.predict(unit);
            } else if (top.learnReturnsPrediction()) {
                top.learn(unit);
            } else {
                top.predict(unit);
                savedScores.copyFrom(unit.get(0).predActionScores);
                top.learn(unit);
                unit.get(0).predActionScores.copyFrom(savedScores);
            }
            return;
        }
        Example ec = unit.get(0);
        if (ec.testOnly || !training) {
            line.predict(ec);
        } else if (line.learnReturnsPrediction()) {
            line.learn(ec);
        } else {
            line.predict(ec);
            int savedClass = ec.predMulticlass;
            savedScores.copyFrom(ec.predActionScores);
            line.learn(ec);
            ec.predMulticlass = savedClass;
            ec.predActionScores.copyFrom(savedScores);
        }
    }

    /**
     * Options VW has that Warren parses but does not implement: rather than ignore them (and give results
     * that differ from VW's without saying so), stop with a message naming the option. Run options that
     * cannot change results (--cache, --holdout_off, --no_stdin, --save_resume, --predict_only_model)
     * are accepted.
     */
    private static void rejectUnsupported(VwOptions o) {
        for (String name : List.of("invert_hash_all", "first_is_baseline", "no_predict_in_learn", "ignore_linear",
                "constant", "epsilon_decay", "readable_model")) {
            if (o.has(name)) {
                throw new IllegalArgumentException("--" + name + " is not supported by Warren yet");
            }
        }
        if (o.has("loss_function") && !o.string("loss_function", "").equals("squared")) {
            throw new IllegalArgumentException("--loss_function " + o.string("loss_function", "")
                    + " is not supported: contextual-bandit learning in Warren uses squared loss");
        }
        if (o.has("link") && !o.string("link", "").equals("identity")) {
            throw new IllegalArgumentException("--link " + o.string("link", "") + " is not supported: only identity");
        }
        if (o.longValue("passes", 1) != 1) {
            throw new IllegalArgumentException("--passes " + o.string("passes", "")
                    + " is not supported: Warren learns online in one pass");
        }
    }

    public static LearnerStack build(VwOptions options) {
        return new LearnerStack(options, null);
    }

    /**
     * A stack that serves the model in {@code path}: built from the arguments it was trained with, for
     * testing only ({@code -t}), with its weights and learner state loaded.
     */
    public static LearnerStack load(Path path) throws IOException {
        return serving(path).newStack();
    }

    /** A model file read once, for any number of {@link Serving#newStack() serving stacks}. */
    public static Serving serving(Path path) throws IOException {
        ModelFile.Header header = ModelFile.readHeader(path);
        List<String> args = new ArrayList<>();
        if (!header.arguments().isBlank()) {
            args.addAll(List.of(header.arguments().split(" ")));
        }
        args.add("-t");
        LearnerStack first = build(VwOptions.parse(args));
        ModelState state = ModelFile.read(path, first.weights).state();
        first.load(state);
        return new Serving(List.copyOf(args), state, first);
    }

    /**
     * One model's serving stacks ({@code -t}: predictions only, so nothing writes the weights): each has its
     * own examples, scratch space and counters, and all of them read one weight table, loaded once.
     * {@link #newStack()} may be called from several threads; each stack is for one thread at a time.
     */
    public static final class Serving {
        private final List<String> arguments;
        private final ModelState state;
        private final Weights weights;
        private LearnerStack unused;

        private Serving(List<String> arguments, ModelState state, LearnerStack first) {
            this.arguments = arguments;
            this.state = state;
            this.weights = first.weights;
            this.unused = first;
        }

        /** A stack for checks before serving; the next {@link #newStack()} hands out this one. */
        public synchronized LearnerStack peek() {
            if (unused == null) {
                unused = fresh();
            }
            return unused;
        }

        public synchronized LearnerStack newStack() {
            LearnerStack stack = unused != null ? unused : fresh();
            unused = null;
            return stack;
        }

        private LearnerStack fresh() {
            LearnerStack stack = new LearnerStack(VwOptions.parse(arguments), weights);
            stack.load(state);
            return stack;
        }
    }

    /**
     * The exploration strategy, checked in the order VW's stack setup tries them (bag, cover, first,
     * synthcover, squarecb, regcb, rnd, softmax, then epsilon-greedy); each reads its own defaults.
     */
    private ExploreStrategy strategy(VwOptions o, CbType cbType) {
        if (o.has("bag")) {
            return new BagExplore(o.floatValue("epsilon", 0f), o.intValue("bag", 1), o.has("greedify"),
                    o.has("first_only"), random);
        }
        if (o.has("cover")) {
            requireCbType(o, "dr", "ips", "mtr");
            boolean decay = !o.has("epsilon");
            return new CoverExplore(o.intValue("cover", 0), o.floatValue("psi", 1f), o.has("nounif"),
                    decay ? 1f : o.floatValue("epsilon", 0.05f), decay, o.has("first_only"), cbType);
        }
        if (o.has("first")) {
            return new FirstExplore(o.longValue("first", 0), o.floatValue("epsilon", 0f));
        }
        if (o.has("synthcover")) {
            return synthCover(o);
        }
        if (o.has("squarecb")) {
            requireCbType(o, "mtr");
            float epsilon = o.floatValue("epsilon", 0f);
            if (epsilon < 0f || epsilon > 1f) {
                throw new IllegalArgumentException("The value of epsilon must be in [0,1]");
            }
            return new SquareCbExplore(o.floatValue("gamma_scale", 10f), o.floatValue("gamma_exponent", 0.5f),
                    o.has("elim"), o.floatValue("mellowness", 0.001f), o.floatValue("cb_min_cost", 0f),
                    o.floatValue("cb_max_cost", 1f), epsilon);
        }
        if (o.has("regcb") || o.has("regcbopt")) {
            requireCbType(o, "mtr");
            if (!o.has("regcb")) {
                setupMessages.add("[warning] RegCB used to be able to be enabled with either --regcb or --regcbopt. "
                        + "Enabling with --regcbopt only is now deprecated. Please add --regcb to your command line "
                        + "in addition to --regcbopt.");
            }
            return new RegCbExplore(o.has("regcbopt"), o.floatValue("mellowness", 0.1f), o.has("first_only"),
                    o.floatValue("cb_min_cost", 0f), o.floatValue("cb_max_cost", 1f));
        }
        if (o.has("rnd")) {
            return rnd(o);
        }
        if (o.has("softmax")) {
            float lambda = o.floatValue("lambda", 1f);
            return new SoftmaxExplore(o.floatValue("epsilon", 0f), Math.abs(lambda));
        }
        float epsilon = o.floatValue("epsilon", 0.05f);
        if (epsilon < 0f || epsilon > 1f) {
            throw new IllegalArgumentException("The value of epsilon must be in [0,1]");
        }
        return new GreedyExplore(epsilon, o.has("first_only"));
    }

    private ExploreStrategy synthCover(VwOptions o) {
        float epsilon = o.floatValue("epsilon", 0f);
        float psi = o.floatValue("synthcoverpsi", 0.1f);
        long size = o.longValue("synthcoversize", 100);
        if (size <= 0) {
            throw new IllegalArgumentException("synthcoversize must be >= 1");
        }
        if (epsilon < 0f) {
            throw new IllegalArgumentException("epsilon must be non-negative");
        }
        if (psi <= 0f) {
            throw new IllegalArgumentException("synthcoverpsi must be positive");
        }
        setupMessages.add("Using synthcover for CB exploration");
        setupMessages.add("synthcoversize = " + size);
        if (epsilon > 0f) {
            setupMessages.add("epsilon = " + CFormat.g(epsilon, 6));
        }
        setupMessages.add("synthcoverpsi = " + CFormat.g(psi, 6));
        return new SynthCoverExplore(epsilon, psi, (int) size);
    }

    private ExploreStrategy rnd(VwOptions o) {
        float alpha = o.floatValue("rnd_alpha", 0.1f);
        float invLambda = o.floatValue("rnd_invlambda", 0.1f);
        int numRnd = o.intValue("rnd", 1);
        float epsilon = o.floatValue("epsilon", 0f);
        if (alpha <= 0f) {
            throw new IllegalArgumentException("The value of rnd_alpha must be positive.");
        }
        if (invLambda <= 0f) {
            throw new IllegalArgumentException("The value of rnd_invlambda must be positive.");
        }
        if (numRnd < 1) {
            throw new IllegalArgumentException("The value of numrnd must be at least 1.");
        }
        if (epsilon < 0f || epsilon > 1f) {
            throw new IllegalArgumentException("The value of epsilon must be in [0,1]");
        }
        return new RndExplore(epsilon, alpha, invLambda, numRnd, random);
    }

    /** VW's one_of check on --cb_type for strategies that support only some estimators. */
    private static void requireCbType(VwOptions o, String... allowed) {
        String given = o.string("cb_type", "mtr");
        if (!List.of(allowed).contains(given)) {
            throw new IllegalArgumentException("'" + given + "' is not a valid choice for option --cb_type. "
                    + "Please select from {" + String.join(", ", allowed) + "}");
        }
    }

    private static GdConfig gdConfig(VwOptions o, boolean training) {
        boolean sgd = o.has("sgd");
        boolean adaptive = o.has("adaptive");
        boolean normalized = o.has("normalized");
        boolean invariant = o.has("invariant");
        float powerT = o.floatValue("power_t", 0.5f);
        float initialT = o.floatValue("initial_t", 0f);
        float eta = o.floatValue("learning_rate", 0.5f);
        if (sgd || adaptive || normalized || invariant) {
            if (!o.has("learning_rate") && !(adaptive && normalized)) {
                eta = 10f;
            }
            if (!adaptive && !normalized) {
                if (!o.has("initial_t")) {
                    initialT = 1f;
                }
                eta *= (float) Math.pow(initialT, powerT);
            }
        } else {
            adaptive = true;
            normalized = true;
            invariant = true;
        }
        return new GdConfig(adaptive, normalized, invariant, eta, powerT, initialT, o.floatValue("l1", 0f),
                o.floatValue("l2", 0f), training);
    }

    private static int[][] interactions(VwOptions o) {
        List<int[]> list = new ArrayList<>();
        for (String q : o.all("quadratic")) {
            int[] parsed = Interactions.parse(q);
            if (parsed.length != 2) {
                throw new IllegalArgumentException("error, quadratic features must involve two sets: -q " + q);
            }
            list.add(parsed);
        }
        for (String c : o.all("cubic")) {
            int[] parsed = Interactions.parse(c);
            if (parsed.length != 3) {
                throw new IllegalArgumentException("error, cubic features must involve three sets: --cubic " + c);
            }
            list.add(parsed);
        }
        for (String i : o.all("interactions")) {
            int[] parsed = Interactions.parse(i);
            if (parsed.length < 2) {
                throw new IllegalArgumentException("Feature interactions must involve at least two namespaces: " + i);
            }
            list.add(parsed);
        }
        return Interactions.normalize(list, o.has("leave_duplicate_interactions"));
    }

    public void save(ModelState state) {
        state.putDouble("sd.t", sd.t);
        state.putDouble("sd.min_label", sd.minLabel);
        state.putDouble("sd.max_label", sd.maxLabel);
        state.putDouble("sd.gravity", sd.gravity);
        state.putDouble("sd.contraction", sd.contraction);
        for (int m = 0; m < totalWidth; m++) {
            state.putDouble("gd.normalized_sum_norm_x." + m, gd.normalizedSumNormX()[m]);
            state.putDouble("gd.total_weight." + m, gd.totalWeight()[m]);
            state.putLong("cb_adf.event_sum." + m, cbAdf.eventSum()[m]);
            state.putLong("cb_adf.action_sum." + m, cbAdf.actionSum()[m]);
        }
        state.putLong("random.state", random.state());
        if (explore != null) {
            explore.strategy().save(state);
        }
        if (ccb != null) {
            ccb.save(state);
        }
    }

    public void load(ModelState state) {
        sd.t = state.getDouble("sd.t", sd.t);
        sd.minLabel = (float) state.getDouble("sd.min_label", sd.minLabel);
        sd.maxLabel = (float) state.getDouble("sd.max_label", sd.maxLabel);
        sd.gravity = state.getDouble("sd.gravity", sd.gravity);
        sd.contraction = state.getDouble("sd.contraction", sd.contraction);
        for (int m = 0; m < totalWidth; m++) {
            gd.normalizedSumNormX()[m] = state.getDouble("gd.normalized_sum_norm_x." + m, gd.normalizedSumNormX()[m]);
            gd.totalWeight()[m] = state.getDouble("gd.total_weight." + m, gd.totalWeight()[m]);
            cbAdf.eventSum()[m] = state.getLong("cb_adf.event_sum." + m, cbAdf.eventSum()[m]);
            cbAdf.actionSum()[m] = state.getLong("cb_adf.action_sum." + m, cbAdf.actionSum()[m]);
        }
        random.setState(state.getLong("random.state", random.state()));
        if (explore != null) {
            explore.strategy().load(state);
        }
        if (ccb != null) {
            ccb.load(state);
        }
        if (!gdConfig.training()) {
            gd.syncWeights();
        }
    }
}
