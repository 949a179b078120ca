package io.warren.core.rank;

import io.warren.core.driver.LearnerStack;
import io.warren.core.example.ActionScores;
import io.warren.core.example.DecisionScores;
import io.warren.core.explore.Explore;
import io.warren.core.explore.RandState;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides a multi-slot rank request with a loop's CCB policy ({@code --ccb_explore_adf}): checks it against
 * Personalizer's rules, turns it into VW features through the decision context JSON (actions under
 * {@code _multi}, slots under {@code _slots}) and lets the CCB stack fill the slots in order, each from the
 * actions no earlier slot took. The draws come from a generator seeded by the event id and the loop (the
 * stack's cb_sample advances it slot by slot), so every instance answers the same request the same way.
 * Without a model yet, each slot draws uniformly from what it may show.
 *
 * <p>Not thread-safe: one ranker per thread.
 */
public final class SlotRanker {
    public static final int MAX_SLOTS = 50;

    private final LearnerStack stack;
    private final boolean trained;
    private final String modelVersion;
    private final ContextPredictor predictor;
    private final RandState uniformDraws = new RandState(0);
    private final ActionIds actionIds = new ActionIds();

    /**
     * @param stack        the loop's CCB policy, holding the serving model's weights
     * @param trained      false before the loop's first model: slots then draw uniformly
     * @param modelVersion the model version recorded with each decision
     */
    public SlotRanker(LearnerStack stack, boolean trained, String modelVersion) {
        if (!stack.decidesSlots()) {
            throw new IllegalArgumentException("multi-slot ranking needs a --ccb_explore_adf policy");
        }
        this.stack = stack;
        this.trained = trained;
        this.modelVersion = modelVersion;
        this.predictor = new ContextPredictor(stack);
    }

    /** Ranks {@code request} as event {@code eventId} of loop {@code loop}. */
    public SlotRanking rank(MultiSlotRequest request, String eventId, String loop) {
        Ranker.checkEventId(eventId);
        Layout layout = check(request);
        long seed = Ranker.seed(eventId, loop);
        return trained ? decide(request, layout, seed, eventId) : uniform(layout, seed, eventId);
    }

    /** A request's slots as checked: each slot's baseline and the actions it may show. */
    private record Layout(int[] baselines, boolean[][] included) {}

    /**
     * The ranking of a loop that imitates or only logs: each slot shows its baseline with probability 1,
     * listed before the other actions it could show once the earlier slots showed theirs.
     */
    public static SlotRanking baselinesChosen(SlotRanking policy) {
        boolean[][] included = policy.included();
        int slots = included.length;
        boolean[] taken = new boolean[included[0].length];
        int[][] actions = new int[slots][];
        float[][] probabilities = new float[slots][];
        for (int s = 0; s < slots; s++) {
            int baseline = policy.baselines()[s];
            int[] candidates = candidates(included[s], taken);
            actions[s] = new int[candidates.length];
            probabilities[s] = new float[candidates.length];
            actions[s][0] = baseline;
            probabilities[s][0] = 1f;
            int k = 1;
            for (int a : candidates) {
                if (a != baseline) {
                    actions[s][k++] = a;
                }
            }
            taken[baseline] = true;
        }
        return new SlotRanking(policy.eventId(), actions, probabilities, policy.modelVersion(), policy.baselines(),
                included);
    }

    private SlotRanking decide(MultiSlotRequest request, Layout layout, long seed, String eventId) {
        boolean[][] included = layout.included();
        // The stack's cb_sample draws each slot from this generator, advancing it slot by slot.
        stack.random.setState(seed);
        return predictor.predict(DecisionJson.multiSlotContext(request, included), predicted -> {
            DecisionScores decisions = stack.ccb.decisions();
            int slots = included.length;
            if (decisions.size() != slots) {
                throw new IllegalStateException("the policy decided " + decisions.size() + " of " + slots + " slots");
            }
            int[][] actions = new int[slots][];
            float[][] probabilities = new float[slots][];
            for (int s = 0; s < slots; s++) {
                ActionScores scores = decisions.get(s);
                actions[s] = Arrays.copyOf(scores.action, scores.size);
                probabilities[s] = Arrays.copyOf(scores.score, scores.size);
            }
            return new SlotRanking(eventId, actions, probabilities, modelVersion, layout.baselines(), included);
        });
    }

    /** Each slot draws uniformly from the actions it may show that no earlier slot showed. */
    private SlotRanking uniform(Layout layout, long seed, String eventId) {
        boolean[][] included = layout.included();
        int slots = included.length;
        boolean[] taken = new boolean[included[0].length];
        int[][] actions = new int[slots][];
        float[][] probabilities = new float[slots][];
        uniformDraws.setState(seed);
        for (int s = 0; s < slots; s++) {
            int[] candidates = candidates(included[s], taken);
            float[] pmf = new float[candidates.length];
            Arrays.fill(pmf, 1f / candidates.length);
            int chosen = Explore.sampleAfterNormalizing(uniformDraws.state(), pmf, pmf.length);
            uniformDraws.next();
            int first = candidates[0];
            candidates[0] = candidates[chosen];
            candidates[chosen] = first;
            actions[s] = candidates;
            probabilities[s] = pmf;
            taken[candidates[0]] = true;
        }
        return new SlotRanking(eventId, actions, probabilities, "", layout.baselines(), included);
    }

    private static int[] candidates(boolean[] included, boolean[] taken) {
        int[] out = new int[included.length];
        int n = 0;
        for (int a = 0; a < included.length; a++) {
            if (included[a] && !taken[a]) {
                out[n++] = a;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Personalizer's checks on the slots; returns each slot's baseline and which actions it may show. Slot k
     * (from 0) must be able to show more than k actions, so that it keeps one whatever the earlier slots show.
     */
    private Layout check(MultiSlotRequest request) {
        actionIds.check(request.actions());
        List<SlotRequest> slots = request.slots();
        if (slots.isEmpty()) {
            throw new RankRequestException("slots must contain at least one slot");
        }
        if (slots.size() > MAX_SLOTS) {
            throw new RankRequestException("slots has " + slots.size() + " slots; at most " + MAX_SLOTS + " can be filled");
        }
        Set<String> ids = new HashSet<>();
        Set<String> baselines = new HashSet<>();
        boolean[][] included = new boolean[slots.size()][request.actions().size()];
        int[] baselineIndex = new int[slots.size()];
        for (int s = 0; s < slots.size(); s++) {
            SlotRequest slot = slots.get(s);
            String id = slot.id();
            if (id == null || id.isEmpty() || id.length() > Ranker.MAX_ID_LENGTH || Ranker.hasControlCharacter(id)) {
                throw new RankRequestException("slots[" + s + "].id must have 1 to " + Ranker.MAX_ID_LENGTH
                        + " characters and no control characters");
            }
            if (!ids.add(id)) {
                throw new RankRequestException("slot id '" + id + "' appears more than once");
            }
            String baseline = slot.baselineAction();
            if (baseline == null) {
                throw new RankRequestException("slot '" + id + "' needs a baselineAction");
            }
            baselineIndex[s] = actionIds.indexOf(baseline);
            if (baselineIndex[s] < 0) {
                throw new RankRequestException("the baselineAction '" + baseline + "' of slot '" + id
                        + "' is not one of the actions");
            }
            if (!baselines.add(baseline)) {
                throw new RankRequestException("the baselineAction '" + baseline + "' of slot '" + id
                        + "' is already another slot's baseline: each slot needs its own");
            }
            Set<String> excluded = new HashSet<>(slot.excludedActions());
            if (excluded.contains(baseline)) {
                throw new RankRequestException("slot '" + id + "' excludes its own baselineAction '" + baseline + "'");
            }
            int n = 0;
            for (int a = 0; a < request.actions().size(); a++) {
                included[s][a] = !excluded.contains(request.actions().get(a).id());
                n += included[s][a] ? 1 : 0;
            }
            if (n <= s) {
                throw new RankRequestException("slot '" + id + "' may show " + n + " actions, and the " + s
                        + " slots before it could take them all: it needs more than " + s);
            }
        }
        return new Layout(baselineIndex, included);
    }
}
