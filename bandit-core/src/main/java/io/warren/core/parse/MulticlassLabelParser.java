package io.warren.core.parse;

import io.warren.core.example.Example;
import io.warren.core.example.MulticlassLabel;

/**
 * VW's multiclass label: {@code class [weight]}. The class is read as C's strtol reads it (optional
 * sign, decimal digits, the 64-bit result cut to 32 bits and kept unsigned, so {@code -1} means
 * unlabelled); anything after the digits is an error, as in VW. A weight that is not a number is
 * replaced by 0 with a warning; a negative weight counts as 0.
 */
public final class MulticlassLabelParser implements LabelParser {
    private final VwFloat floats = new VwFloat();
    private final Warnings warnings = new Warnings();

    @Override
    public void parse(Example ec, Tokens words) {
        MulticlassLabel label = ec.multi;
        switch (words.size) {
            case 0 -> { }
            case 1 -> {
                label.label = classOf(words);
                label.weight = 1f;
            }
            case 2 -> {
                label.label = classOf(words);
                label.weight = weightOf(words);
            }
            default -> throw new InputException("Malformed example, words.size() = " + words.size);
        }
    }

    private int classOf(Tokens words) {
        byte[] s = words.line;
        int p = words.start[0];
        int end = words.end[0];
        boolean negative = false;
        if (p < end && (s[p] == '+' || s[p] == '-')) {
            negative = s[p] == '-';
            p++;
        }
        int digitsStart = p;
        long value = 0;
        boolean overflow = false;
        while (p < end && s[p] >= '0' && s[p] <= '9') {
            int d = s[p] - '0';
            if (!overflow) {
                if (value > (Long.MAX_VALUE - d) / 10) {
                    overflow = true;
                } else {
                    value = value * 10 + d;
                }
            }
            p++;
        }
        if (p == digitsStart) {
            // VW warns that the int is replaced by 0, then rejects the label for its trailing characters.
            throw new InputException("Malformed example: label has trailing character(s): "
                    + (char) (s[words.start[0]] & 0xff));
        }
        if (p < end) {
            throw new InputException("Malformed example: label has trailing character(s): " + (char) (s[p] & 0xff));
        }
        if (overflow) {
            value = negative ? Long.MIN_VALUE : Long.MAX_VALUE;
        } else if (negative) {
            value = -value;
        }
        return (int) value;
    }

    private float weightOf(Tokens words) {
        float w = floats.parse(words.line, words.start[1], words.end[1]);
        if ((floats.consumed() == 0 && words.length(1) > 0) || Float.isNaN(w)) {
            warnings.add("'" + words.text(1) + "' is not a good float, replacing with 0");
            w = 0f;
        }
        return w;
    }

    @Override
    public float weight(Example ec) {
        return ec.multi.weight > 0 ? ec.multi.weight : 0f;
    }

    @Override
    public boolean isTest(Example ec) {
        return !ec.multi.isLabeled();
    }

    @Override
    public String takeWarnings() {
        return warnings.take();
    }
}
