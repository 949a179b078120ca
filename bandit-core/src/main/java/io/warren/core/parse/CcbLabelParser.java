package io.warren.core.parse;

import io.warren.core.example.CcbLabel;
import io.warren.core.example.Example;

/**
 * VW's CCB text label: {@code ccb shared}, {@code ccb action}, or
 * {@code ccb slot [action:cost:prob[,action:prob...]] [id,id,...]}. The outcome word is the one
 * with a colon; its first entry is the action shown in the slot; when the whole distribution is
 * given it must sum to 1 (within 1e-4). A word without colon lists the actions the slot may take.
 * Probabilities are clamped to [0, 1] and ids are read like C's strtol, as VW does; a token that
 * is not a number is an error (VW would warn and read 0), as in {@link CbLabelParser}.
 */
public final class CcbLabelParser implements LabelParser {
    private final Tokens entries = new Tokens();
    private final Tokens parts = new Tokens();
    private final VwFloat floats = new VwFloat();

    @Override
    public void parse(Example ec, Tokens words) {
        CcbLabel label = ec.ccb;
        label.weight = 1f;
        if (words.size < 2) {
            throw new InputException("ccb labels may not be empty");
        }
        if (!words.equalsAscii(0, "ccb")) {
            throw new InputException("ccb labels require the first word to be ccb");
        }
        if (words.equalsAscii(1, "shared")) {
            requireNoMore(words, "shared labels may not have a cost");
            label.type = CcbLabel.Type.SHARED;
        } else if (words.equalsAscii(1, "action")) {
            requireNoMore(words, "action labels may not have a cost");
            label.type = CcbLabel.Type.ACTION;
        } else if (words.equalsAscii(1, "slot")) {
            parseSlot(label, words);
        } else {
            throw new InputException("unknown label type: " + words.text(1));
        }
    }

    private static void requireNoMore(Tokens words, String message) {
        if (words.size > 2) {
            throw new InputException(message);
        }
    }

    private void parseSlot(CcbLabel label, Tokens words) {
        if (words.size > 4) {
            throw new InputException("ccb slot label can only have a type cost and exclude list");
        }
        label.type = CcbLabel.Type.SLOT;
        for (int w = 2; w < words.size; w++) {
            if (contains(words, w, (byte) ':')) {
                if (label.hasOutcome) {
                    throw new InputException("There may be only 1 outcome associated with a slot.");
                }
                parseOutcome(label, words, w);
            } else {
                entries.split(words.line, words.start[w], words.end[w], (byte) ',');
                for (int i = 0; i < entries.size; i++) {
                    label.addIncluded(intOf(entries, i));
                }
            }
        }
        if (label.hasOutcome && label.outcomeSize > 1) {
            float total = 0f;
            for (int i = 0; i < label.outcomeSize; i++) {
                total += label.outcomeProbability[i];
            }
            if (!(Math.abs(total - 1f) < 1e-4f)) {
                throw new InputException(
                        "When providing all prediction probabilities they must add up to 1.f, instead summed to "
                                + total);
            }
        }
    }

    private void parseOutcome(CcbLabel label, Tokens words, int w) {
        entries.split(words.line, words.start[w], words.end[w], (byte) ',');
        parts.split(entries.line, entries.start[0], entries.end[0], (byte) ':');
        if (parts.size != 3) {
            throw new InputException("Malformed ccb label");
        }
        label.hasOutcome = true;
        label.outcomeSize = 0;
        label.addOutcomeProbability(intOf(parts, 0), probabilityOf(parts, 2));
        label.cost = floatOf(parts, 1);
        for (int e = 1; e < entries.size; e++) {
            parts.split(entries.line, entries.start[e], entries.end[e], (byte) ':');
            if (parts.size != 2) {
                throw new InputException("Must be action probability pairs");
            }
            label.addOutcomeProbability(intOf(parts, 0), probabilityOf(parts, 1));
        }
    }

    private float probabilityOf(Tokens t, int i) {
        return Math.min(1f, Math.max(0f, floatOf(t, i)));
    }

    private float floatOf(Tokens t, int i) {
        float f = floats.parse(t.line, t.start[i], t.end[i]);
        if (floats.consumed() == 0 || Float.isNaN(f)) {
            throw new InputException("'" + t.text(i) + "' is not a good float");
        }
        return f;
    }

    /** C's strtol over the token: leading spaces, a sign, digits; anything after them is ignored. */
    private static int intOf(Tokens t, int i) {
        byte[] b = t.line;
        int p = t.start[i];
        int end = t.end[i];
        while (p < end && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        boolean negative = false;
        if (p < end && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        int digitsFrom = p;
        long value = 0;
        boolean overflow = false;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            int digit = b[p++] - '0';
            overflow |= value > (Long.MAX_VALUE - digit) / 10;
            value = value * 10 + digit;
        }
        if (p == digitsFrom) {
            throw new InputException("'" + t.text(i) + "' is not a good int");
        }
        if (overflow) {
            return (int) (negative ? Long.MIN_VALUE : Long.MAX_VALUE);
        }
        return (int) (negative ? -value : value);
    }

    private static boolean contains(Tokens t, int i, byte c) {
        for (int p = t.start[i]; p < t.end[i]; p++) {
            if (t.line[p] == c) {
                return true;
            }
        }
        return false;
    }

    @Override
    public float weight(Example ec) {
        return ec.ccb.weight;
    }

    @Override
    public boolean isTest(Example ec) {
        return ec.ccb.isTest();
    }
}
