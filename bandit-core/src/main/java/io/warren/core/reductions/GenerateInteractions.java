package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.example.Interactions;
import io.warren.core.example.Namespaces;
import io.warren.core.learn.SingleLearner;
import java.util.List;
import java.util.TreeSet;

/**
 * VW's generate_interactions: expands wildcard interactions ({@code -q ::}, {@code -q a:}) over every
 * namespace seen so far in the data, re-expanding only when a new namespace appears, and hands each
 * example to the learner below with the expanded list. The list expanded is the example's own, as
 * in VW, so interactions added while running (by ccb_explore_adf) take effect at the next re-expansion.
 */
public final class GenerateInteractions extends SingleLearner {
    private final SingleLearner base;
    private final boolean keepDuplicates;
    private final TreeSet<Integer> seen = new TreeSet<>();
    private final boolean[] seenFlags = new boolean[Namespaces.COUNT];
    private int[][] generated = Example.NO_INTERACTIONS;
    /** Each batch example's own interactions while {@link #predictAll} runs, to put back after. */
    private int[][][] savedLists = new int[16][][];

    public GenerateInteractions(SingleLearner base, boolean keepDuplicates) {
        super("generate_interactions");
        this.base = base;
        this.keepDuplicates = keepDuplicates;
    }

    private int[][] interactionsFor(Example ec) {
        boolean changed = false;
        for (int i = 0; i < ec.numIndices; i++) {
            int ns = ec.indices[i];
            if (!seenFlags[ns]) {
                seenFlags[ns] = true;
                changed = true;
                if (Namespaces.isInteractable(ns)) {
                    seen.add(ns);
                }
            }
        }
        if (changed) {
            generated = seen.isEmpty() ? Example.NO_INTERACTIONS : Interactions.compile(ec.interactions, seen, keepDuplicates);
        }
        return generated;
    }

    @Override
    public void learn(Example ec) {
        int[][] saved = ec.interactions;
        ec.interactions = interactionsFor(ec);
        base.learn(ec);
        ec.interactions = saved;
    }

    @Override
    public void predict(Example ec) {
        int[][] saved = ec.interactions;
        ec.interactions = interactionsFor(ec);
        base.predict(ec);
        ec.interactions = saved;
    }

    @Override
    public void predictAll(List<Example> batch) {
        int n = batch.size();
        if (savedLists.length < n) {
            savedLists = new int[n][][];
        }
        for (int i = 0; i < n; i++) {
            Example ec = batch.get(i);
            savedLists[i] = ec.interactions;
            ec.interactions = interactionsFor(ec);
        }
        base.predictAll(batch);
        for (int i = 0; i < n; i++) {
            batch.get(i).interactions = savedLists[i];
            savedLists[i] = null;
        }
    }

    @Override
    public void update(Example ec) {
        int[][] saved = ec.interactions;
        ec.interactions = interactionsFor(ec);
        base.update(ec);
        ec.interactions = saved;
    }

    @Override
    public float sensitivity(Example ec) {
        int[][] saved = ec.interactions;
        ec.interactions = interactionsFor(ec);
        float s = base.sensitivity(ec);
        ec.interactions = saved;
        return s;
    }

    /** The expanded interactions in force now (for reports and model files). */
    public int[][] generated() {
        return generated;
    }
}
