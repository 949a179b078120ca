package io.warren.core.rank;

import io.warren.core.driver.LearnerStack;
import io.warren.core.example.ActionScores;
import io.warren.core.explore.Explore;
import io.warren.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides one rank request with a loop's current model: checks the request against Personalizer's rules,
 * turns it into VW features through the decision context JSON ({@link DecisionJson}) and VW's JSON reader,
 * scores and explores with the stack's policy (a prediction, as {@code -t} makes one), and draws the
 * action with a generator seeded by the event id and the loop, so every instance that holds the same
 * model answers the same request the same way. Without a model yet, every action is equally likely.
 *
 * <p>Not thread-safe: the stack's scratch and the parsed examples are reused; one ranker per thread.
 */
public final class Ranker {
    public static final int MAX_ACTIONS = 50;
    public static final int MAX_ID_LENGTH = 256;

    private final boolean trained;
    private final String modelVersion;
    private final ContextPredictor predictor;
    /** The ranking being built: rankable positions with their probabilities. */
    private final ActionScores ranked = new ActionScores();
    /** Multi-slot requests' ranker when the policy fills slots ({@code --ccb_explore_adf}), else null. */
    private final SlotRanker slots;

    /**
     * @param stack        the loop's policy (its VW arguments), holding the serving model's weights
     * @param trained      false before the loop's first model: actions are then drawn uniformly
     * @param modelVersion the model version recorded with each decision
     */
    public Ranker(LearnerStack stack, boolean trained, String modelVersion) {
        this.trained = trained;
        this.modelVersion = modelVersion;
        this.predictor = new ContextPredictor(stack);
        this.slots = stack.decidesSlots() ? new SlotRanker(stack, trained, modelVersion) : null;
    }

    /** Ranks multi-slot {@code request} as event {@code eventId} of loop {@code loop} (see {@link SlotRanker}). */
    public SlotRanking rankSlots(MultiSlotRequest request, String eventId, String loop) {
        if (slots == null) {
            throw new RankRequestException("this loop's policy ranks single slots: multi-slot rank needs a "
                    + "--ccb_explore_adf policy (set it with PUT /configurations/policy)");
        }
        return slots.rank(request, eventId, loop);
    }

    /** Ranks {@code request} as event {@code eventId} of loop {@code loop}. */
    public Ranking rank(RankRequest request, String eventId, String loop) {
        if (slots != null) {
            throw new RankRequestException("this loop's policy fills slots (--ccb_explore_adf): use the multi-slot "
                    + "rank, POST /multislot/rank");
        }
        int[] rankable = check(request, eventId);
        int n = rankable.length;
        ranked.clear();
        if (trained) {
            explore(request, rankable);
        } else {
            for (int k = 0; k < n; k++) {
                ranked.add(k, 1f / n);
            }
        }
        int chosen = Explore.sampleAfterNormalizing(seed(eventId, loop), ranked.score, n);
        ranked.swap(0, chosen);
        return new Ranking(eventId, rankable, Arrays.copyOf(ranked.action, n), Arrays.copyOf(ranked.score, n),
                trained ? modelVersion : "");
    }

    /** The draw's seed: the event id's murmur3 hash, seeded with the loop's, so loops draw independently. */
    static long seed(String eventId, String loop) {
        long loopSeed = Murmur3.hash(loop.getBytes(StandardCharsets.UTF_8), 0);
        return Murmur3.hash(eventId.getBytes(StandardCharsets.UTF_8), loopSeed);
    }

    /** Scores the rankable actions with the model and its exploration into {@link #ranked}. */
    private void explore(RankRequest request, int[] rankable) {
        predictor.predict(request, rankable, predicted -> {
            ActionScores scores = predicted.get(0).predActionScores;
            if (scores.size != rankable.length) {
                throw new IllegalStateException("the policy scored " + scores.size + " of " + rankable.length
                        + " actions");
            }
            ranked.copyFrom(scores);
            return null;
        });
    }

    /** Whether {@code id} holds a tab, line break or other control character (records keep ids on one line). */
    public static boolean hasControlCharacter(String id) {
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < 0x20 || id.charAt(i) == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Personalizer's checks on a rank request; returns the indices of the actions to rank. */
    private static int[] check(RankRequest request, String eventId) {
        checkEventId(eventId);
        List<RankableAction> actions = request.actions();
        checkActions(actions);
        Set<String> excluded = new HashSet<>(request.excludedActions());
        int[] rankable = new int[actions.size()];
        int n = 0;
        for (int i = 0; i < actions.size(); i++) {
            if (!excluded.contains(actions.get(i).id())) {
                rankable[n++] = i;
            }
        }
        if (n == 0) {
            throw new RankRequestException("every action is excluded: at least one must be rankable");
        }
        return Arrays.copyOf(rankable, n);
    }

    static void checkEventId(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            throw new RankRequestException("eventId must not be empty");
        }
        if (eventId.length() > MAX_ID_LENGTH) {
            throw new RankRequestException("eventId is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (hasControlCharacter(eventId)) {
            throw new RankRequestException("eventId must not contain control characters");
        }
    }

    /** Personalizer's checks on the candidate actions; returns each id's index. */
    static Map<String, Integer> checkActions(List<RankableAction> actions) {
        if (actions.isEmpty()) {
            throw new RankRequestException("actions must contain at least one action");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw new RankRequestException("actions has " + actions.size() + " actions; at most " + MAX_ACTIONS
                    + " can be ranked");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < actions.size(); i++) {
            String id = actions.get(i).id();
            if (id == null || id.isEmpty()) {
                throw new RankRequestException("every action needs a non-empty id");
            }
            if (id.length() > MAX_ID_LENGTH) {
                throw new RankRequestException("action id '" + id.substring(0, 32) + "...' is longer than "
                        + MAX_ID_LENGTH + " characters");
            }
            if (index.putIfAbsent(id, i) != null) {
                throw new RankRequestException("action id '" + id + "' appears more than once");
            }
        }
        return index;
    }
}
