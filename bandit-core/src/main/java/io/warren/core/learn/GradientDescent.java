package io.warren.core.learn;

import io.warren.core.example.Example;
import io.warren.kernels.FeatureBuffer;
import io.warren.kernels.SlotRun;
import io.warren.kernels.SparseKernels;
import io.warren.kernels.UpdateRule;
import java.util.List;

/**
 * VW's gd reduction: a linear model over hashed features with the adaptive (AdaGrad), normalized
 * (scale-invariant) and importance-invariant ("safe") update of Karampatziakis and Langford,
 * "Online Importance Weight Aware Updates" (2011), and Ross, Mineiro and Langford, "Normalized online
 * learning" (2013).
 *
 * <p>One learn step: predict {@code p = sum w_i x_i}; if the loss is positive, the pred-per-update
 * pass updates each feature's adaptive sum and normalizer and its rate {@code r_i}, giving
 * {@code ppu = sum x_i^2 r_i}; the invariant update for squared loss is
 * {@code u = (y - p)(1 - e^{-2 eta w ppu}) / ppu}; then {@code w_i += u * m * x_i * r_i}, where
 * {@code m} is the normalized update's global multiplier {@code sqrt(sum weight / sum norm_x)}.
 * Per-model state (the normalizer sums) is kept per offset slot so bagged/multi-model learners get
 * separate clocks, as in VW.
 */
public final class GradientDescent {
    private final Weights weights;
    private final SharedData sd;
    private final SquaredLoss loss;
    private final UpdateRule rule;
    private final boolean normalizedOrAdaptive;
    private final boolean invariant;
    private final float eta;
    private final float negPowerT;
    private final boolean regularized;
    private final float l1;
    private final float l2;
    private final double[] normalizedSumNormX;
    private final double[] totalWeight;
    private final SparseKernels kernels;
    private final FeatureWalker walker;
    /** The example being learned, walked once; the learn passes run over it. */
    private final FeatureBuffer features = new FeatureBuffer();
    private final InteractionSquares interactionSquares = new InteractionSquares();
    private final float[] passOut = new float[2];
    private final float[] pairOut = new float[2];
    private final FeatureLanes lanes;
    /** The shared slots of the run of examples being learned by {@link #learnAll}. */
    private final SlotRun slotRun;
    private float updateMultiplier = 1f;
    private Audit audit;

    public GradientDescent(GdConfig config, Weights weights, SharedData sd, int modelCount, SparseKernels kernels) {
        this.weights = weights;
        this.sd = sd;
        this.loss = new SquaredLoss(sd);
        boolean adaptive = config.adaptive() && config.training();
        boolean normalized = config.normalized() && config.training();
        this.rule = UpdateRule.of(adaptive, normalized, config.powerT());
        this.kernels = kernels;
        this.walker = new FeatureWalker(kernels, weights);
        this.lanes = new FeatureLanes(kernels.laneAlignment());
        this.slotRun = new SlotRun(kernels);
        this.normalizedOrAdaptive = adaptive || normalized;
        this.invariant = config.invariant() && config.training();
        this.eta = config.learningRate();
        this.negPowerT = -config.powerT();
        this.l1 = config.l1();
        this.l2 = config.l2();
        this.regularized = l1 > 0 || l2 > 0;
        this.normalizedSumNormX = new double[modelCount];
        this.totalWeight = new double[modelCount];
        if (config.initialT() > 0) {
            normalizedSumNormX[0] = config.initialT();
            totalWeight[0] = config.initialT();
        }
    }

    /**
     * Floats per weight slot (log2), fixed before the weight table is allocated. Unlike VW, which drops
     * to stride 1 under -t, the slot keeps its update state when testing, so a model file's layout never
     * depends on whether it is used for training or testing; predictions are the same either way.
     */
    public static int strideShift(GdConfig config) {
        return UpdateRule.of(config.adaptive(), config.normalized(), config.powerT()).strideShift();
    }

    public UpdateRule rule() {
        return rule;
    }

    public Weights weights() {
        return weights;
    }

    public double[] normalizedSumNormX() {
        return normalizedSumNormX;
    }

    public double[] totalWeight() {
        return totalWeight;
    }

    public void predict(Example ec) {
        float raw;
        if (truncating()) {
            raw = truncatedDot(ec);
        } else {
            raw = walker.dot(ec, ec.initial);
        }
        setPrediction(ec, raw, walker.interactedCount());
        if (audit != null) {
            audit.record(ec, walker, weights, sd, rule);
        }
    }

    /**
     * Predicts every example of the batch, with the same results as predicting each in turn. Examples that
     * share their feature indices are scored together in lanes ({@link FeatureLanes}); the others two at a
     * time, their dot products interleaved.
     */
    public void predictAll(List<Example> batch) {
        int n = batch.size();
        if (truncating() || audit != null) {
            for (int i = 0; i < n; i++) {
                predict(batch.get(i));
            }
            return;
        }
        int laned = lanes.collect(batch);
        if (laned > 0) {
            walker.dotLanes(lanes);
            for (int k = 0; k < laned; k++) {
                setPrediction(lanes.member(k), lanes.acc[k], walker.interactedCount());
            }
        }
        Example pending = null;
        for (int i = 0; i < n; i++) {
            if (laned > 0 && lanes.taken(i)) {
                continue;
            }
            Example ec = batch.get(i);
            if (pending == null) {
                pending = ec;
            } else {
                predictPair(pending, ec);
                pending = null;
            }
        }
        if (pending != null) {
            predict(pending);
        }
    }

    /** Predicts two examples; the same as predicting {@code a} then {@code b}, with the dot products interleaved. */
    void predictPair(Example a, Example b) {
        walker.dotPair(a, b, pairOut);
        setPrediction(a, pairOut[0], walker.firstInteractedCount());
        setPrediction(b, pairOut[1], walker.interactedCount());
    }

    private boolean truncating() {
        return l1 > 0 && sd.gravity != 0;
    }

    private void setPrediction(Example ec, float raw, long interactedCount) {
        ec.numFeaturesFromInteractions = interactedCount;
        ec.partialPrediction = raw * (float) sd.contraction;
        ec.predScalar = finalizePrediction(ec.partialPrediction);
    }

    /** Turns on --audit / --invert_hash recording for every prediction. */
    public void setAudit(Audit value) {
        audit = value;
    }

    /** Prediction with the pending l1 truncation applied to each weight (VW's trunc_predict). */
    private float truncatedDot(Example ec) {
        return walker.truncatedDot(ec, ec.initial, (float) sd.gravity);
    }

    static float truncate(float w, float gravity) {
        if (gravity < Math.abs(w)) {
            return w - Math.signum(w) * gravity;
        }
        return 0f;
    }

    private float finalizePrediction(float p) {
        if (Float.isNaN(p)) {
            return 0f;
        }
        if (p > sd.maxLabel) {
            return sd.maxLabel;
        }
        if (p < sd.minLabel) {
            return sd.minLabel;
        }
        return p;
    }

    /** Predicts, then takes the gradient step, walking the example's features once for both. */
    public void learn(Example ec) {
        if (truncating() || audit != null) {
            predict(ec);
            walker.collect(ec, features);
        } else {
            walker.collect(ec, features);
            setPrediction(ec, kernels.dot(weights.value, weights.strideShift, features, ec.initial),
                    walker.interactedCount());
        }
        updateCollected(ec);
    }

    /**
     * Learns every example of the batch in turn, with the same results as {@link #learn} on each. Runs of
     * consecutive examples with the same weight slots (cb_adf action lines whose features share names,
     * which ips and dm learn one after another) are learned on a dense copy of those slots
     * ({@link SlotRun}), hashing their features once.
     */
    public void learnAll(List<Example> batch) {
        int n = batch.size();
        // l1 truncation implies regularized: those, audits and other rules learn line by line.
        if (audit != null || regularized || !SlotRun.supports(rule)) {
            for (int i = 0; i < n; i++) {
                learn(batch.get(i));
            }
            return;
        }
        int from = 0;
        while (from < n) {
            int to = from + 1;
            while (to < n && FeatureWalker.sameIndices(batch.get(from), batch.get(to))) {
                to++;
            }
            if (to - from == 1) {
                learn(batch.get(from));
            } else {
                learnRun(batch, from, to);
            }
            from = to;
        }
    }

    /** {@link #learn} on {@code batch[from, to)}, examples with the same slots, over a dense copy of them. */
    private void learnRun(List<Example> batch, int from, int to) {
        walker.collect(batch.get(from), features);
        slotRun.gather(weights.value, weights.state, weights.strideShift, features, rule);
        for (int i = from; i < to; i++) {
            Example ec = batch.get(i);
            if (i > from) {
                walker.collectValues(ec, features);
            }
            setPrediction(ec, slotRun.dot(features, ec.initial), walker.interactedCount());
            float update = computeUpdate(ec, modelIndex(ec), slotRun);
            if (update != 0f) {
                // SlotRun's rule is normalized, so the update always takes the multiplier (as updateCollected does).
                slotRun.update(features, update * updateMultiplier);
            }
        }
        slotRun.scatter(weights.value, weights.state, weights.strideShift, rule);
    }

    /** Gradient step for an example whose prediction is already in {@code ec.predScalar}. */
    public void update(Example ec) {
        walker.collect(ec, features);
        updateCollected(ec);
    }

    /** The gradient step over {@link #features}, which hold {@code ec}'s features. */
    private void updateCollected(Example ec) {
        int model = modelIndex(ec);
        float update = computeUpdate(ec, model, null);
        if (update != 0f) {
            if (rule.isNormalized()) {
                update *= updateMultiplier;
            }
            kernels.update(weights.value, weights.state, weights.strideShift, features, update, rule);
        }
        if (sd.contraction < 1e-9 || sd.gravity > 1e3) {
            syncWeights();
        }
    }

    private int modelIndex(Example ec) {
        return (int) (ec.ftOffset >>> weights.strideShift);
    }

    /** The update of {@code ec}'s step, its state step done in the table or, when not null, in {@code run}. */
    private float computeUpdate(Example ec, int model, SlotRun run) {
        float label = ec.simpleLabel;
        float prediction = ec.predScalar;
        ec.updatedPrediction = prediction;
        float update = 0f;
        if (loss.loss(prediction, label) > 0f) {
            float predPerUpdate = predPerUpdate(ec, model, false, run);
            float updateScale = scale(ec.weight);
            if (invariant) {
                update = loss.invariantUpdate(prediction, label, updateScale, predPerUpdate);
            } else {
                update = loss.unsafeUpdate(prediction, label, updateScale);
            }
            ec.updatedPrediction += predPerUpdate * update;
            if (regularized && Math.abs(update) > 1e-8) {
                double dev1 = loss.firstDerivative(prediction, label);
                double etaBar = Math.abs(dev1) > 1e-8 ? (-update / dev1) : 0.0;
                if (Math.abs(dev1) > 1e-8) {
                    sd.contraction *= (1.0 - l2 * etaBar);
                }
                update /= (float) sd.contraction;
                sd.gravity += etaBar * l1;
            }
        }
        if (Float.isNaN(update)) {
            update = 0f;
        }
        return update;
    }

    private float scale(float weight) {
        float updateScale = eta * weight;
        if (!rule.isAdaptive()) {
            float t = (float) (sd.t + weight - sd.weightedHoldoutExamples - sd.weightedUnlabeledExamples);
            updateScale *= (float) Math.pow(t, negPowerT);
        }
        return updateScale;
    }

    private float predPerUpdate(Example ec, int model, boolean stateless, SlotRun run) {
        if (!normalizedOrAdaptive) {
            return ec.linearSumFeatSq() + interactionSquares.sum(ec);
        }
        float gradSquared = ec.weight * loss.squareGrad(ec.predScalar, ec.simpleLabel);
        if (gradSquared == 0f && !stateless) {
            return 1f;
        }
        passOut[0] = 0f;
        passOut[1] = 0f;
        if (run != null) {
            run.predPerUpdate(features, gradSquared, passOut);
        } else {
            kernels.predPerUpdate(weights.value, weights.state, weights.strideShift, features, gradSquared, rule,
                    stateless, passOut);
        }
        float predPerUpdate = passOut[0];
        float normX = passOut[1];
        if (rule.isNormalized()) {
            if (!stateless) {
                normalizedSumNormX[model] += (double) ec.weight * normX;
                totalWeight[model] += ec.weight;
                updateMultiplier = averageUpdate((float) totalWeight[model], (float) normalizedSumNormX[model]);
            } else {
                float nsnx = (float) normalizedSumNormX[model] + ec.weight * normX;
                float tw = (float) totalWeight[model] + ec.weight;
                updateMultiplier = averageUpdate(tw, nsnx);
            }
            predPerUpdate *= updateMultiplier;
        }
        return predPerUpdate;
    }

    private float averageUpdate(float totalWeightSum, float normalizedSum) {
        if (rule.sqrtRate()) {
            float avgNorm = totalWeightSum / normalizedSum;
            return rule.isAdaptive() ? (float) Math.sqrt(avgNorm) : avgNorm;
        }
        return (float) Math.pow(normalizedSum / totalWeightSum, rule.negNormPower());
    }

    /**
     * How much a unit update would move this example's prediction, without changing any state
     * (VW's gd sensitivity, used by regcb and cover).
     */
    public float sensitivity(Example ec) {
        int model = modelIndex(ec);
        float scale = eta;
        if (!rule.isAdaptive()) {
            float t = (float) (sd.t + 1f - sd.weightedHoldoutExamples - sd.weightedUnlabeledExamples);
            scale *= (float) Math.pow(t, negPowerT);
        }
        walker.collect(ec, features);
        return scale * predPerUpdate(ec, model, true, null);
    }

    /** Applies pending l1 truncation and l2 contraction to every weight (VW's sync_weights). */
    public void syncWeights() {
        if (sd.gravity == 0.0 && sd.contraction == 1.0) {
            return;
        }
        float gravity = (float) sd.gravity;
        float contraction = (float) sd.contraction;
        float[] w = weights.value;
        for (int i = 0; i < w.length; i++) {
            w[i] = truncate(w[i], gravity) * contraction;
        }
        sd.gravity = 0.0;
        sd.contraction = 1.0;
    }
}
