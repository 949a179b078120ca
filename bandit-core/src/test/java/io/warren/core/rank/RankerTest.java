package io.warren.core.rank;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.warren.core.driver.LearnerStack;
import io.warren.core.driver.TrainRun;
import io.warren.core.driver.VwOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RankerTest {
    /** Personalizer's default learning policy (DESIGN.md) with VW's default learning rate, to learn in a short test. */
    private static final String POLICY = "--cb_explore_adf --epsilon 0.2 --cb_type mtr -q ::";
    private static final String[] MOODS = {"happy", "tired", "hungry"};
    private static final String LOOP = "coffee";

    @TempDir
    Path work;

    private final SplittableRandom random = new SplittableRandom(5);

    private RankRequest request(int actions) {
        String mood = MOODS[random.nextInt(MOODS.length)];
        List<RawJson> context = List.of(RawJson.of("{\"user\":{\"mood\":\"" + mood + "\",\"visits\":" + random.nextInt(20) + "}}"),
                RawJson.of("{\"time\":{\"hour\":" + random.nextInt(24) + "}}"));
        List<RankableAction> list = new ArrayList<>();
        for (int i = 0; i < actions; i++) {
            list.add(new RankableAction("drink-" + i, List.of(RawJson.of("{\"kind\":\"" + MOODS[i % MOODS.length]
                    + "\",\"price\":" + (1 + i) + ".5}"))));
        }
        return new RankRequest(context, list, List.of(), null, false);
    }

    private static String mood(RankRequest request) {
        String user = request.contextFeaturesJson().get(0).text();
        for (String m : MOODS) {
            if (user.contains(m)) {
                return m;
            }
        }
        throw new IllegalStateException(user);
    }

    private static Ranker untrained() {
        return new Ranker(LearnerStack.build(VwOptions.parse(List.of(POLICY.split(" ")))), false, "");
    }

    /** The joiner's learnable line for a decision: its labels in front, the reward negated as the cost. */
    private static String joined(String decision, Ranking ranking, float reward) {
        return "{\"_label_cost\":" + (-reward) + ",\"_label_probability\":" + ranking.probabilities()[0]
                + ",\"_label_Action\":" + (ranking.order()[0] + 1) + ",\"_labelIndex\":" + ranking.order()[0] + ","
                + decision.substring(1);
    }

    private int train(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        return new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work).run(List.of(args));
    }

    /** Trains {@code model.wrn} on {@code events} logged decisions of the untrained ranker, rewarded by mood. */
    private Path trainedModel(int events) throws IOException {
        return trainedModel(events, POLICY);
    }

    /** As {@link #trainedModel(int)}, learning with {@code policy}. */
    private Path trainedModel(int events, String policy) throws IOException {
        Ranker uniform = untrained();
        List<String> joinedLines = new ArrayList<>();
        for (int e = 0; e < events; e++) {
            RankRequest request = request(4);
            Ranking ranking = uniform.rank(request, "train-" + e, LOOP);
            String chosenKind = MOODS[ranking.chosenAction() % MOODS.length];
            float reward = chosenKind.equals(mood(request)) ? 1f : 0f;
            joinedLines.add(joined(new String(DecisionJson.decision(ranking, request, "2026-12-01T00:00:00.000Z", "Online", LOOP), UTF_8),
                    ranking, reward));
        }
        Files.write(work.resolve("joined.json"), joinedLines);
        assertThat(train(("--dsjson -d joined.json -f model.wrn --quiet " + policy).split(" "))).isZero();
        return work.resolve("model.wrn");
    }

    @Test
    void rankersOfOneServedModelShareItsWeightsAndRankAsASeparatelyLoadedOne() throws Exception {
        Path model = trainedModel(1000);
        LearnerStack.Serving serving = LearnerStack.serving(model);
        LearnerStack first = serving.newStack();
        LearnerStack second = serving.newStack();
        assertThat(second.weights).isSameAs(first.weights);
        List<RankRequest> requests = new ArrayList<>();
        for (int e = 0; e < 300; e++) {
            requests.add(request(4));
        }
        Ranker alone = new Ranker(LearnerStack.load(model), true, "v1");
        List<Ranking> expected = new ArrayList<>();
        for (int e = 0; e < requests.size(); e++) {
            expected.add(alone.rank(requests.get(e), "shared-" + e, LOOP));
        }
        // Two threads rank at once, each with its own stack on the one table.
        List<LearnerStack> stacks = List.of(first, second);
        List<java.util.concurrent.Future<List<Ranking>>> results = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (LearnerStack stack : stacks) {
                results.add(pool.submit(() -> {
                    Ranker ranker = new Ranker(stack, true, "v1");
                    List<Ranking> out = new ArrayList<>();
                    for (int e = 0; e < requests.size(); e++) {
                        out.add(ranker.rank(requests.get(e), "shared-" + e, LOOP));
                    }
                    return out;
                }));
            }
            for (var result : results) {
                List<Ranking> got = result.get();
                for (int e = 0; e < expected.size(); e++) {
                    assertThat(got.get(e).order()).isEqualTo(expected.get(e).order());
                    assertThat(got.get(e).probabilities()).isEqualTo(expected.get(e).probabilities());
                }
            }
        }
    }

    /** Every exploration (and the reductions under it) ranks kept actions as it ranks freshly read ones. */
    @ParameterizedTest
    @ValueSource(strings = {POLICY, "--cb_explore_adf --softmax --lambda 4 -q ::", "--cb_explore_adf --bag 3 -q ::",
        "--cb_explore_adf --cover 3 -q ::", "--cb_explore_adf --squarecb -q ::", "--cb_explore_adf --regcb",
        "--cb_explore_adf --first 2 --cubic :::", "--cb_explore_adf --epsilon 0.1 --cb_type dr --interactions ij"})
    void actionsReadInEarlierRequestsScoreExactlyAsWhenReadAgain(String policy) throws Exception {
        LearnerStack.Serving serving = LearnerStack.serving(trainedModel(1000, policy));
        Ranker warm = new Ranker(serving.newStack(), true, "v1");
        for (int e = 0; e < 60; e++) {
            RankRequest request = request(3 + e % 5);
            if (e % 7 == 3) {
                // The same ids with other features: read again, not copied.
                List<RankableAction> changed = new ArrayList<>();
                for (RankableAction a : request.actions()) {
                    changed.add(new RankableAction(a.id(), List.of(RawJson.of("{\"kind\":\"other\",\"price\":" + e + "}"))));
                }
                request = new RankRequest(request.contextFeaturesJson(), changed, List.of(), null, false);
            }
            if (e % 5 == 4) {
                request = new RankRequest(request.contextFeaturesJson(), request.actions(),
                        List.of(request.actions().get(0).id()), null, false);
            }
            Ranking cached = warm.rank(request, "cache-" + e, LOOP);
            Ranking read = new Ranker(serving.newStack(), true, "v1").rank(request, "cache-" + e, LOOP);
            assertThat(cached.order()).as("event %d", e).isEqualTo(read.order());
            assertThat(cached.probabilities()).as("event %d", e).isEqualTo(read.probabilities());
        }
    }

    @Test
    void aRankerThatKeptTooManyActionsStartsAgainAndStillScoresAsAFreshRead() throws Exception {
        LearnerStack.Serving serving = LearnerStack.serving(trainedModel(500));
        Ranker ranker = new Ranker(serving.newStack(), true, "v1");
        RankRequest template = request(1);
        int requests = ContextPredictor.MAX_READ_ACTIONS / 3 + 10;
        for (int e = 0; e < requests; e++) {
            // One action that comes every time (kept), three never seen before.
            List<RankableAction> actions = new ArrayList<>(template.actions());
            for (int k = 0; k < 3; k++) {
                actions.add(new RankableAction("new-" + e + "-" + k, List.of(RawJson.of("{\"kind\":\"k" + k + "\"}"))));
            }
            RankRequest request = new RankRequest(template.contextFeaturesJson(), actions, List.of(), null, false);
            Ranking ranking = ranker.rank(request, "many-" + e, LOOP);
            if (e % 200 == 0 || e >= requests - 5) {
                Ranking read = new Ranker(serving.newStack(), true, "v1").rank(request, "many-" + e, LOOP);
                assertThat(ranking.probabilities()).as("event %d", e).isEqualTo(read.probabilities());
            }
        }
    }

    @Test
    void loggedDecisionsTrainTheModelTheRankerScoresWith() throws IOException {
        Ranker ranker = new Ranker(LearnerStack.load(trainedModel(3000)), true, "v1");
        List<Ranking> rankings = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        int matchedMood = 0;
        for (int e = 0; e < 200; e++) {
            RankRequest request = request(4);
            Ranking ranking = ranker.rank(request, "serve-" + e, LOOP);
            rankings.add(ranking);
            decisions.add(new String(DecisionJson.decision(ranking, request, "2026-12-01T00:00:00.000Z", "Online", LOOP), UTF_8));
            int best = ranking.order()[argMax(ranking.probabilities())];
            if (MOODS[ranking.rankable()[best] % MOODS.length].equals(mood(request))) {
                matchedMood++;
            }
        }
        // The model learned the reward: its greedy action mostly matches the mood (chance is about 1/3).
        assertThat(matchedMood).isGreaterThan(150);

        Files.write(work.resolve("decisions.json"), decisions);
        assertThat(train("--dsjson", "-d", "decisions.json", "-t", "-i", "model.wrn", "-p", "preds.txt", "--quiet"))
                .isZero();
        List<String> preds = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("preds.txt"))) {
            if (!line.isBlank()) {
                preds.add(line);
            }
        }
        assertThat(preds).hasSize(rankings.size());
        for (int e = 0; e < preds.size(); e++) {
            Map<Integer, Float> expected = new HashMap<>();
            Ranking ranking = rankings.get(e);
            for (int k = 0; k < ranking.order().length; k++) {
                expected.put(ranking.order()[k], ranking.probabilities()[k]);
            }
            for (String pair : preds.get(e).trim().split(",")) {
                String[] parts = pair.split(":");
                assertThat(Float.parseFloat(parts[1])).as("event %d action %s", e, parts[0])
                        .isCloseTo(expected.get(Integer.parseInt(parts[0])), within(1e-5f));
            }
        }
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void beforeAnyModelEveryActionIsEquallyLikelyAndTheDrawFollowsTheEventId() {
        Ranker ranker = untrained();
        RankRequest request = request(5);
        Ranking first = ranker.rank(request, "event-1", LOOP);
        assertThat(first.probabilities()).containsOnly(0.2f);
        assertThat(first.modelVersion()).isEmpty();
        for (int i = 0; i < 5; i++) {
            Ranking again = ranker.rank(request, "event-1", LOOP);
            assertThat(again.order()).containsExactly(first.order());
            assertThat(again.probabilities()).containsExactly(first.probabilities());
        }
        int[] chosen = new int[5];
        for (int e = 0; e < 20_000; e++) {
            chosen[ranker.rank(request, "event-" + e, LOOP).chosenAction()]++;
        }
        for (int count : chosen) {
            assertThat(count).isBetween(3600, 4400);
        }
        assertThat(Ranker.seed("event-1", LOOP)).isNotEqualTo(Ranker.seed("event-1", "tea"));
    }

    @Test
    void excludedActionsAreNotRankedAndTheRestKeepTheirIds() {
        RankRequest base = request(4);
        RankRequest request = new RankRequest(base.contextFeaturesJson(), base.actions(),
                List.of("drink-0", "drink-2", "no-such-drink"), null, false);
        Ranking ranking = untrained().rank(request, "e", LOOP);
        List<String> ranked = new ArrayList<>();
        for (int k = 0; k < ranking.order().length; k++) {
            ranked.add(request.actions().get(ranking.actionAt(k)).id());
        }
        Collections.sort(ranked);
        assertThat(ranked).containsExactly("drink-1", "drink-3");
        assertThat(ranking.probabilities()).containsOnly(0.5f);
    }

    @Test
    void requestsBreakingPersonalizersRulesAreRefusedWithTheRule() {
        Ranker ranker = untrained();
        RankRequest ok = request(3);
        assertThatThrownBy(() -> ranker.rank(request(51), "e", LOOP)).isInstanceOf(RankRequestException.class)
                .hasMessageContaining("at most 50");
        assertThatThrownBy(() -> ranker.rank(new RankRequest(ok.contextFeaturesJson(), List.of(), List.of(), null,
                false), "e", LOOP)).hasMessageContaining("at least one action");
        List<RankableAction> twins = List.of(ok.actions().get(0), ok.actions().get(0));
        assertThatThrownBy(() -> ranker.rank(new RankRequest(ok.contextFeaturesJson(), twins, List.of(), null, false),
                "e", LOOP)).hasMessageContaining("'drink-0' appears more than once");
        List<RankableAction> longId = List.of(new RankableAction("x".repeat(257), List.of()));
        assertThatThrownBy(() -> ranker.rank(new RankRequest(ok.contextFeaturesJson(), longId, List.of(), null, false),
                "e", LOOP)).hasMessageContaining("longer than 256");
        assertThatThrownBy(() -> ranker.rank(ok, "e".repeat(257), LOOP)).hasMessageContaining("eventId is longer");
        assertThatThrownBy(() -> ranker.rank(ok, "tab\there", LOOP)).hasMessageContaining("control characters");
        assertThatThrownBy(() -> ranker.rank(new RankRequest(ok.contextFeaturesJson(), ok.actions(),
                List.of("drink-0", "drink-1", "drink-2"), null, false), "e", LOOP))
                .hasMessageContaining("every action is excluded");
    }

    @Test
    void featuresVwsReaderRefusesAreABadRequestNotACrash() {
        RankRequest ok = request(2);
        Ranker trained = new Ranker(LearnerStack.build(VwOptions.parse(List.of(POLICY.split(" ")))), true, "v0");
        RankRequest bad = new RankRequest(List.of(RawJson.of("{\"_bad\" 1}")), ok.actions(), List.of(), null, false);
        assertThatThrownBy(() -> trained.rank(bad, "e", LOOP)).isInstanceOf(RankRequestException.class)
                .hasMessageContaining("features are not valid JSON features");
        // The ranker is still usable afterwards.
        assertThat(trained.rank(ok, "e", LOOP).probabilities()).hasSize(2);
    }
}
