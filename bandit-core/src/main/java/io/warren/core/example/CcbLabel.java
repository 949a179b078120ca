package io.warren.core.example;

import java.util.Arrays;

/**
 * A conditional-contextual-bandit label (VW's ccb_label): which part of a CCB example a line is
 * (shared context, candidate action, or slot to fill), and for a slot the logged outcome (cost and
 * the chosen action's probability first, then optionally the other actions' probabilities) and the
 * actions it may take (empty means all). Arrays are kept across reuse of the example.
 */
public final class CcbLabel {
    public enum Type { UNSET, SHARED, ACTION, SLOT }

    public Type type = Type.UNSET;
    public float weight = 1f;

    /** True when the slot carries a logged outcome. */
    public boolean hasOutcome;
    public float cost;
    /** Outcome actions and probabilities; entry 0 is the action that was shown in the slot. */
    public int outcomeSize;
    public int[] outcomeAction = new int[4];
    public float[] outcomeProbability = new float[4];

    /** Explicitly included action ids, as unsigned 32-bit values (VW casts them from int). */
    public int includedSize;
    public int[] included = new int[4];

    public void clear() {
        type = Type.UNSET;
        weight = 1f;
        clearOutcome();
        includedSize = 0;
    }

    public void clearOutcome() {
        hasOutcome = false;
        cost = 0f;
        outcomeSize = 0;
    }

    public void addOutcomeProbability(int action, float probability) {
        if (outcomeSize == outcomeAction.length) {
            outcomeAction = Arrays.copyOf(outcomeAction, outcomeSize * 2);
            outcomeProbability = Arrays.copyOf(outcomeProbability, outcomeSize * 2);
        }
        outcomeAction[outcomeSize] = action;
        outcomeProbability[outcomeSize] = probability;
        outcomeSize++;
    }

    public void addIncluded(int action) {
        if (includedSize == included.length) {
            included = Arrays.copyOf(included, includedSize * 2);
        }
        included[includedSize++] = action;
    }

    /** VW's is_test_label: a label without outcome teaches nothing. */
    public boolean isTest() {
        return !hasOutcome;
    }

    /** The action logged for the slot (its first outcome entry). */
    public int chosenAction() {
        return outcomeAction[0];
    }

    public float chosenProbability() {
        return outcomeProbability[0];
    }
}
