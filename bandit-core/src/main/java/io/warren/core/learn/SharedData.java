package io.warren.core.learn;

/**
 * Run-wide counters and state shared by the reductions (VW's shared_data): progressive-validation
 * loss sums, example weights, the label range predictions are clipped to, the learning-rate clock
 * {@code t}, and the lazily applied l1/l2 state (gravity, contraction).
 */
public final class SharedData {
    public double t;
    public double sumLoss;
    public double sumLossSinceLastDump;
    public double weightedLabeledExamples;
    public double oldWeightedLabeledExamples;
    public double weightedUnlabeledExamples;
    public double weightedLabels;
    public double weightedHoldoutExamples;
    public long exampleNumber;
    public long totalFeatures;
    public float minLabel;
    public float maxLabel;
    /** Whether labels seen in training widen [minLabel, maxLabel] (off with --min/max_prediction or -t). */
    public boolean trackLabelRange = true;
    public double gravity;
    public double contraction = 1.0;
    public float dumpInterval = 1f;
    public float progressArg = 2f;
    public boolean progressAdd;

    public double weightedExamples() {
        return weightedLabeledExamples + weightedUnlabeledExamples;
    }

    public void noteLabel(float label) {
        if (!trackLabelRange) {
            return;
        }
        minLabel = Math.min(minLabel, label);
        if (label != Float.MAX_VALUE) {
            maxLabel = Math.max(maxLabel, label);
        }
    }

    /** Whether {@link #noteLabel} would leave the label range as it is. */
    public boolean labelInRange(float label) {
        return !trackLabelRange || (label >= minLabel && (label <= maxLabel || label == Float.MAX_VALUE));
    }

    /** VW's shared_data::update, once per (multi-line) example after learning. */
    public void update(boolean labeled, float loss, float weight, long numFeatures) {
        t += weight;
        if (labeled) {
            weightedLabeledExamples += weight;
        } else {
            weightedUnlabeledExamples += weight;
        }
        sumLoss += loss;
        sumLossSinceLastDump += loss;
        totalFeatures += numFeatures;
        exampleNumber++;
    }

    public void updateDumpInterval() {
        sumLossSinceLastDump = 0.0;
        oldWeightedLabeledExamples = weightedLabeledExamples;
        if (progressAdd) {
            dumpInterval = (float) weightedExamples() + progressArg;
        } else {
            dumpInterval = (float) weightedExamples() * progressArg;
        }
    }
}
