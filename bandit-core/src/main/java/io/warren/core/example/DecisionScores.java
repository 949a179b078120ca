package io.warren.core.example;

import java.util.Arrays;

/**
 * VW's decision_scores: one list of (action, probability) per slot of a CCB example, the first entry
 * being the action shown in the slot. A slot no action was left for has an empty list. The lists
 * are reused from example to example.
 */
public final class DecisionScores {
    private ActionScores[] slots = new ActionScores[4];
    private int size;

    public int size() {
        return size;
    }

    public ActionScores get(int slot) {
        return slots[slot];
    }

    public void clear() {
        size = 0;
    }

    /** Appends an empty list for the next slot and returns it. */
    public ActionScores add() {
        if (size == slots.length) {
            slots = Arrays.copyOf(slots, size * 2);
        }
        ActionScores s = slots[size];
        if (s == null) {
            s = new ActionScores();
            slots[size] = s;
        }
        s.clear();
        size++;
        return s;
    }
}
