package io.warren.core.rank;

import io.warren.core.driver.LearnerStack;
import io.warren.core.example.ActionScores;
import io.warren.core.explore.Explore;
import io.warren.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

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
    /** The request's action ids, and per action whether it is excluded (both reused request after request). */
    private final ActionIds ids = new ActionIds();
    private final boolean[] excluded = new boolean[MAX_ACTIONS];
    /** The indices of the request's rankable actions, in request order: {@code rankable[0, count)}. */
    private final int[] rankable = new int[MAX_ACTIONS];
    /** Takes the policy's scores into {@link #ranked}. */
    private final ContextPredictor.Reader<Void> copyScores = predicted -> {
        ranked.copyFrom(predicted.get(0).predActionScores);
        return null;
    };
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
        int n = check(request, eventId);
        ranked.clear();
        if (trained) {
            explore(request, n);
        } else {
            for (int k = 0; k < n; k++) {
                ranked.add(k, 1f / n);
            }
        }
        int chosen = Explore.sampleAfterNormalizing(seed(eventId, loop), ranked.score, n);
        ranked.swap(0, chosen);
        return new Ranking(eventId, Arrays.copyOf(rankable, n), Arrays.copyOf(ranked.action, n),
                Arrays.copyOf(ranked.score, n),
                trained ? modelVersion : "");
    }

    /** The draw's seed: the event id's murmur3 hash, seeded with the loop's, so loops draw independently. */
    static long seed(String eventId, String loop) {
        long loopSeed = Murmur3.hash(loop.getBytes(StandardCharsets.UTF_8), 0);
        return Murmur3.hash(eventId.getBytes(StandardCharsets.UTF_8), loopSeed);
    }

    /** Scores the rankable actions with the model and its exploration into {@link #ranked}. */
    private void explore(RankRequest request, int count) {
        predictor.predict(request, rankable, count, copyScores);
        if (ranked.size != count) {
            throw new IllegalStateException("the policy scored " + ranked.size + " of " + count + " actions");
        }
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

    /** Personalizer's checks on a rank request; returns how many actions are rankable, their indices in {@link #rankable}. */
    private int check(RankRequest request, String eventId) {
        checkEventId(eventId);
        List<RankableAction> actions = request.actions();
        ids.check(actions);
        Arrays.fill(excluded, 0, actions.size(), false);
        for (String id : request.excludedActions()) {
            int index = ids.indexOf(id);
            if (index >= 0) {
                excluded[index] = true;
            }
        }
        int n = 0;
        for (int i = 0; i < actions.size(); i++) {
            if (!excluded[i]) {
                rankable[n++] = i;
            }
        }
        if (n == 0) {
            throw new RankRequestException("every action is excluded: at least one must be rankable");
        }
        return n;
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
}
