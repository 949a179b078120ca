package io.warren.core.driver;

import io.warren.core.example.Interactions;
import io.warren.core.hash.FeatureHasher;
import io.warren.core.explore.RandState;
import io.warren.core.learn.GdConfig;
import io.warren.core.learn.GradientDescent;
import io.warren.core.learn.MultiLearner;
import io.warren.core.learn.SharedData;
import io.warren.core.learn.SingleLearner;
import io.warren.core.learn.Weights;
import io.warren.core.model.ModelState;
import io.warren.core.reductions.BagExplore;
import io.warren.core.reductions.CbAdf;
import io.warren.core.reductions.CbExploreAdf;
import io.warren.core.reductions.CbSample;
import io.warren.core.reductions.CbType;
import io.warren.core.reductions.CcbExploreAdf;
import io.warren.core.reductions.CsoaaLdf;
import io.warren.core.reductions.ExploreStrategy;
import io.warren.core.reductions.FirstExplore;
import io.warren.core.reductions.GdLearner;
import io.warren.core.reductions.GenerateInteractions;
import io.warren.core.reductions.GreedyExplore;
import io.warren.core.reductions.Scorer;
import io.warren.core.reductions.SharedFeatureMerger;
import io.warren.core.reductions.SoftmaxExplore;
import io.warren.kernels.SparseKernels;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the reduction stack for a VW command line, bottom up, the way VW's reduction_stack does:
 * {@code gd -> [generate_interactions] -> scorer -> csoaa_ldf -> cb_adf -> [explore] -> shared_feature_merger},
 * and for --ccb_explore_adf {@code ... -> explore -> cb_sample -> shared_feature_merger -> ccb_explore_adf}.
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
    public final RandState random;
    public final List<String> enabled = new ArrayList<>();

    private LearnerStack(VwOptions o) {
        this.options = o;
        boolean training = !o.has("testonly");
        this.gdConfig = gdConfig(o, training);
        this.random = new RandState(o.longValue("random_seed", 0));
        this.interactions = interactions(o);
        boolean ccbMode = o.has("ccb_explore_adf");
        if (!o.has("cb_adf") && !o.has("cb_explore_adf") && !ccbMode) {
            throw new IllegalArgumentException(
                    "Warren's learner needs a contextual-bandit reduction: --cb_adf, --cb_explore_adf, --cb or --cb_explore");
        }
        CbType cbType = CbType.fromOption(o.string("cb_type", "mtr"));
        ExploreStrategy strategy = o.has("cb_explore_adf") || ccbMode ? strategy(o) : null;
        int cbAdfWidth = cbType == CbType.DR ? 2 : 1;
        int exploreWidth = strategy == null ? 1 : strategy.featureWidth();
        this.totalWidth = cbAdfWidth * exploreWidth;
        int bits = o.intValue("bit_precision", 18);
        int strideShift = GradientDescent.strideShift(gdConfig);
        this.weights = new Weights(bits, strideShift);
        this.gd = new GradientDescent(gdConfig, weights, sd, totalWidth, SparseKernels.defaultKernels());
        if (!training || o.has("min_prediction") || o.has("max_prediction")) {
            sd.trackLabelRange = false;
        }
        sd.minLabel = o.floatValue("min_prediction", 0f);
        sd.maxLabel = o.floatValue("max_prediction", 0f);
        long stride = weights.stride();

        SingleLearner bottom = new GdLearner(gd);
        setIncrement(bottom, stride);
        enabled.add(bottom.name());
        if (Interactions.hasWildcard(interactions) || ccbMode) {
            bottom = new GenerateInteractions(bottom, o.has("leave_duplicate_interactions"));
            setIncrement(bottom, stride);
            enabled.add(bottom.name());
        }
        SingleLearner scorer = new Scorer(bottom, sd);
        setIncrement(scorer, stride);
        enabled.add(scorer.name());
        MultiLearner csoaa = new CsoaaLdf(scorer);
        setIncrement(csoaa, stride);
        enabled.add(csoaa.name());
        boolean noPredict = o.has("no_predict") || (strategy != null && strategy.cbAdfNoPredict(o.has("cb_adf")));
        this.cbAdf = new CbAdf(csoaa, scorer, cbType, o.floatValue("clip_p", 0f), noPredict, o.has("rank_all"), sd,
                totalWidth);
        setIncrement(cbAdf, stride * cbAdfWidth);
        enabled.add(cbAdf.name());
        MultiLearner current = cbAdf;
        if (strategy != null) {
            this.explore = new CbExploreAdf(cbAdf, strategy);
            setIncrement(explore, stride * totalWidth);
            enabled.add(explore.name());
            current = explore;
        } else {
            this.explore = null;
        }
        if (ccbMode && !o.has("no_predict")) {
            current = new CbSample(current, random);
            setIncrement(current, stride * totalWidth);
            enabled.add(current.name());
        }
        MultiLearner sfm = new SharedFeatureMerger(current);
        setIncrement(sfm, stride * totalWidth);
        enabled.add(sfm.name());
        this.ccb = ccbMode ? ccb(o, sfm, bits, stride) : null;
        this.top = ccb != null ? ccb : sfm;
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
        setIncrement(layer, stride * totalWidth);
        enabled.add(layer.name());
        return layer;
    }

    public static LearnerStack build(VwOptions options) {
        return new LearnerStack(options);
    }

    private static void setIncrement(SingleLearner learner, long increment) {
        learner.setIncrement(increment);
    }

    private static void setIncrement(MultiLearner learner, long increment) {
        learner.setIncrement(increment);
    }

    private ExploreStrategy strategy(VwOptions o) {
        if (o.has("first")) {
            return new FirstExplore(o.longValue("first", 0), o.floatValue("epsilon", 0f));
        }
        if (o.has("bag")) {
            return new BagExplore(o.floatValue("epsilon", 0f), o.intValue("bag", 1), o.has("greedify"),
                    o.has("first_only"), random);
        }
        if (o.has("softmax")) {
            float lambda = o.floatValue("lambda", 1f);
            return new SoftmaxExplore(o.floatValue("epsilon", 0f), Math.abs(lambda));
        }
        for (String unsupported : List.of("cover", "regcb", "regcbopt", "squarecb", "rnd", "synthcover")) {
            if (o.has(unsupported)) {
                throw new IllegalArgumentException("--" + unsupported + " is not implemented yet");
            }
        }
        float epsilon = o.floatValue("epsilon", 0.05f);
        if (epsilon < 0f || epsilon > 1f) {
            throw new IllegalArgumentException("The value of epsilon must be in [0,1]");
        }
        return new GreedyExplore(epsilon, o.has("first_only"));
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
