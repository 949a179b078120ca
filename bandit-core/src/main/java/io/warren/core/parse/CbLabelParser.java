package io.warren.core.parse;

import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.hash.FeatureHasher;

/**
 * VW's contextual-bandit label: space-separated {@code action[:cost[:probability]]} words, or
 * {@code shared} for the header line of a multi-line example. The action is hashed like a feature
 * name (digits map to their value). Probabilities are clamped to [0, 1] as VW does.
 */
public final class CbLabelParser implements LabelParser {
    private final Tokens parts = new Tokens();
    private final VwFloat floats = new VwFloat();

    @Override
    public void parse(Example ec, Tokens words) {
        CbLabel label = ec.cb;
        label.weight = 1f;
        for (int w = 0; w < words.size; w++) {
            parts.split(words.line, words.start[w], words.end[w], (byte) ':');
            if (parts.size == 0 || parts.size > 3) {
                throw new InputException("malformed cost specification: " + words.text(w));
            }
            int action = (int) FeatureHasher.STRINGS.hash(parts.line, parts.start[0], parts.length(0), 0);
            float cost = CbLabel.NO_COST;
            if (parts.size > 1) {
                cost = floatOf(parts, 1);
                if (Float.isNaN(cost)) {
                    throw new InputException("NaN cost (" + parts.text(1) + ") for action: " + parts.text(0));
                }
            }
            float probability = 0f;
            if (parts.size > 2) {
                probability = floatOf(parts, 2);
                if (Float.isNaN(probability)) {
                    throw new InputException("NaN probability (" + parts.text(2) + ") for action: " + parts.text(0));
                }
            }
            probability = Math.min(1f, Math.max(0f, probability));
            if (parts.equalsAscii(0, "shared") && parts.size == 1) {
                probability = -1f;
            }
            label.add(action, cost, probability);
        }
    }

    /**
     * VW's float_of_string, except that a token that is not a number is an error here (VW warns and
     * reads 0), so a typo in a cost never trains silently.
     */
    private float floatOf(Tokens t, int i) {
        float f = floats.parse(t.line, t.start[i], t.end[i]);
        if ((floats.consumed() == 0 && t.length(i) > 0)) {
            throw new InputException("'" + t.text(i) + "' is not a number");
        }
        return f;
    }

    @Override
    public float weight(Example ec) {
        return ec.cb.weight;
    }

    @Override
    public boolean isTest(Example ec) {
        return ec.cb.isTest();
    }
}
