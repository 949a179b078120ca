package io.warren.core.learn;

/**
 * VW's default squared loss, including its treatment of predictions outside the observed label
 * range [min_label, max_label]: the loss is extrapolated linearly there, and a prediction at the
 * boundary for a label at the same boundary has zero loss.
 */
final class SquaredLoss {
    private final SharedData sd;

    SquaredLoss(SharedData sd) {
        this.sd = sd;
    }

    float loss(float prediction, float label) {
        float min = sd.minLabel;
        float max = sd.maxLabel;
        if (prediction <= max && prediction >= min) {
            return (prediction - label) * (prediction - label);
        }
        if (prediction < min) {
            if (label == min) {
                return 0f;
            }
            return (float) ((label - min) * (label - min) + 2.0 * (label - min) * (min - prediction));
        }
        if (label == max) {
            return 0f;
        }
        return (float) ((max - label) * (max - label) + 2.0 * (max - label) * (prediction - max));
    }

    float invariantUpdate(float prediction, float label, float updateScale, float predPerUpdate) {
        if ((double) (updateScale * predPerUpdate) < 1e-6) {
            return 2f * (label - prediction) * updateScale;
        }
        return (label - prediction) * (1f - (float) Math.exp(-2f * updateScale * predPerUpdate)) / predPerUpdate;
    }

    float unsafeUpdate(float prediction, float label, float updateScale) {
        return 2f * (label - prediction) * updateScale;
    }

    float squareGrad(float prediction, float label) {
        return 4f * (prediction - label) * (prediction - label);
    }

    float firstDerivative(float prediction, float label) {
        float p;
        if (prediction < sd.minLabel) {
            p = sd.minLabel;
        } else if (prediction > sd.maxLabel) {
            p = sd.maxLabel;
        } else {
            p = prediction;
        }
        return 2f * (p - label);
    }
}
