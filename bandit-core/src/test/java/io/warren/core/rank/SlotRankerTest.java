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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlotRankerTest {
    private static final String POLICY = "--ccb_explore_adf --epsilon 0.2 --cb_type mtr -q ::";
    private static final String[] MOODS = {"happy", "tired", "hungry"};
    private static final String LOOP = "news";
    private static final String TIME = "2026-12-01T00:00:00.000Z";

    @TempDir
    Path work;

    private final SplittableRandom random = new SplittableRandom(11);

    private MultiSlotRequest request(int actions, int slots) {
        String mood = MOODS[random.nextInt(MOODS.length)];
        List<RawJson> context = List.of(RawJson.of("{\"user\":{\"mood\":\"" + mood + "\"}}"));
        List<RankableAction> list = new ArrayList<>();
        for (int i = 0; i < actions; i++) {
            list.add(new RankableAction("article-" + i, List.of(RawJson.of("{\"kind\":\"" + MOODS[i % MOODS.length] + "\"}"))));
        }
        List<SlotRequest> slotList = new ArrayList<>();
        for (int s = 0; s < slots; s++) {
            slotList.add(new SlotRequest("slot-" + s, List.of(RawJson.of("{\"place\":{\"size\":" + (slots - s) + "}}")), List.of(),
                    "article-" + s));
        }
        return new MultiSlotRequest(context, list, slotList, null, false);
    }

    private static String mood(MultiSlotRequest request) {
        for (String m : MOODS) {
            if (request.contextFeaturesJson().get(0).text().contains(m)) {
                return m;
            }
        }
        throw new IllegalStateException();
    }

    private static SlotRanker untrained() {
        return new SlotRanker(LearnerStack.build(VwOptions.parse(List.of(POLICY.split(" ")))), false, "");
    }

    /** The joiner's learnable line: each slot's outcome gets its cost, the negated reward. */
    private static String joined(String decision, MultiSlotRequest request, float[] rewards) {
        String line = decision;
        for (int s = 0; s < rewards.length; s++) {
            String id = "\"_id\":\"" + request.slots().get(s).id() + "\",\"_a\"";
            line = line.replace(id, "\"_id\":\"" + request.slots().get(s).id() + "\",\"_label_cost\":" + (-rewards[s])
                    + ",\"_a\"");
        }
        return line;
    }

    private int train(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work).run(List.of(args));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return code;
    }

    @Test
    void loggedMultiSlotDecisionsTrainTheModelTheSlotRankerScoresWith() throws IOException {
        SlotRanker uniform = untrained();
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < 3000; e++) {
            MultiSlotRequest request = request(5, 2);
            SlotRanking ranking = uniform.rank(request, "train-" + e, LOOP);
            float[] rewards = new float[2];
            for (int s = 0; s < 2; s++) {
                rewards[s] = MOODS[ranking.chosenAction(s) % MOODS.length].equals(mood(request)) ? 1f : 0f;
            }
            lines.add(joined(new String(DecisionJson.multiSlotDecision(ranking, request, TIME, "Online", LOOP), UTF_8), request,
                    rewards));
        }
        Files.write(work.resolve("joined.json"), lines);
        train(("--dsjson -d joined.json -f model.wrn --quiet " + POLICY).split(" "));

        SlotRanker ranker = new SlotRanker(LearnerStack.load(work.resolve("model.wrn")), true, "v1");
        List<SlotRanking> rankings = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        int matched = 0;
        for (int e = 0; e < 200; e++) {
            MultiSlotRequest request = request(5, 2);
            SlotRanking ranking = ranker.rank(request, "serve-" + e, LOOP);
            rankings.add(ranking);
            decisions.add(new String(DecisionJson.multiSlotDecision(ranking, request, TIME, "Online", LOOP), UTF_8));
            assertThat(ranking.modelVersion()).isEqualTo("v1");
            Set<Integer> shown = new HashSet<>();
            for (int s = 0; s < 2; s++) {
                float sum = 0;
                for (float p : ranking.probabilities()[s]) {
                    sum += p;
                }
                assertThat(sum).isCloseTo(1f, within(1e-5f));
                assertThat(shown.add(ranking.chosenAction(s))).as("an action shows in one slot only").isTrue();
            }
            if (MOODS[greedy(ranking, 0) % MOODS.length].equals(mood(request))) {
                matched++;
            }
        }
        assertThat(matched).as("the first slot's greedy action fits the mood (chance: about 2 in 5)")
                .isGreaterThan(150);

        // The first slot's PMF does not depend on any draw: offline prediction on the logged decisions
        // with the same model must give it exactly.
        Files.write(work.resolve("decisions.json"), decisions);
        train("--dsjson", "-d", "decisions.json", "-t", "-i", "model.wrn", "-p", "preds.txt", "--quiet");
        List<String> firstSlots = new ArrayList<>();
        boolean startOfExample = true;
        for (String line : Files.readAllLines(work.resolve("preds.txt"))) {
            if (line.isBlank()) {
                startOfExample = true;
            } else if (startOfExample) {
                firstSlots.add(line);
                startOfExample = false;
            }
        }
        assertThat(firstSlots).hasSize(rankings.size());
        for (int e = 0; e < firstSlots.size(); e++) {
            Map<Integer, Float> expected = new HashMap<>();
            SlotRanking ranking = rankings.get(e);
            for (int k = 0; k < ranking.actions()[0].length; k++) {
                expected.put(ranking.actions()[0][k], ranking.probabilities()[0][k]);
            }
            String[] pairs = firstSlots.get(e).trim().split(",");
            assertThat(pairs).hasSize(expected.size());
            for (String pair : pairs) {
                String[] parts = pair.split(":");
                assertThat(Float.parseFloat(parts[1])).as("event %d action %s", e, parts[0])
                        .isCloseTo(expected.get(Integer.parseInt(parts[0])), within(1e-5f));
            }
        }
    }

    private static int greedy(SlotRanking ranking, int slot) {
        int best = 0;
        for (int k = 1; k < ranking.actions()[slot].length; k++) {
            if (ranking.probabilities()[slot][k] > ranking.probabilities()[slot][best]) {
                best = k;
            }
        }
        return ranking.actions()[slot][best];
    }

    @Test
    void beforeAnyModelEachSlotDrawsUniformlyFromWhatIsLeftAndTheDrawFollowsTheEventId() {
        SlotRanker ranker = untrained();
        MultiSlotRequest request = request(4, 3);
        SlotRanking first = ranker.rank(request, "event-1", LOOP);
        assertThat(first.probabilities()[0]).containsOnly(0.25f);
        assertThat(first.probabilities()[1]).containsOnly(1f / 3);
        assertThat(first.probabilities()[2]).containsOnly(0.5f);
        assertThat(first.actions()[1]).doesNotContain(first.chosenAction(0));
        assertThat(first.actions()[2]).doesNotContain(first.chosenAction(0), first.chosenAction(1));
        SlotRanking again = ranker.rank(request, "event-1", LOOP);
        for (int s = 0; s < 3; s++) {
            assertThat(again.actions()[s]).containsExactly(first.actions()[s]);
        }
        int[] chosen = new int[4];
        for (int e = 0; e < 8000; e++) {
            chosen[ranker.rank(request, "event-" + e, LOOP).chosenAction(0)]++;
        }
        for (int count : chosen) {
            assertThat(count).isBetween(1800, 2200);
        }
    }

    @Test
    void excludedActionsAreLoggedAsTheSlotsIncludedOnesAndNeverShown() {
        MultiSlotRequest base = request(4, 2);
        List<SlotRequest> slots = List.of(base.slots().get(0),
                new SlotRequest("slot-1", List.of(), List.of("article-0", "article-2"), "article-1"));
        MultiSlotRequest request = new MultiSlotRequest(base.contextFeaturesJson(), base.actions(), slots, null, true);
        for (int e = 0; e < 50; e++) {
            SlotRanking ranking = untrained().rank(request, "e" + e, LOOP);
            assertThat(ranking.actions()[1]).doesNotContain(0, 2);
        }
        String decision = new String(DecisionJson.multiSlotDecision(untrained().rank(request, "e", LOOP), request, TIME,
                "Online", LOOP), UTF_8);
        assertThat(decision).contains("{\"_id\":\"slot-1\",\"_inc\":[1,3],\"sj\":[]}").contains("\"_ba\":[0,1]")
                .contains("\"DeferredAction\":true");
    }

    @Test
    void apprenticeShowsEverySlotsBaselineWithCertainty() {
        MultiSlotRequest request = request(4, 2);
        SlotRanking policy = untrained().rank(request, "e", LOOP);
        SlotRanking baselines = SlotRanker.baselinesChosen(policy);
        assertThat(baselines.chosenAction(0)).isZero();
        assertThat(baselines.chosenAction(1)).isEqualTo(1);
        assertThat(baselines.probabilities()[0]).containsExactly(1f, 0f, 0f, 0f);
        assertThat(baselines.actions()[1]).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void requestsBreakingPersonalizersSlotRulesAreRefusedWithTheRule() {
        SlotRanker ranker = untrained();
        MultiSlotRequest ok = request(3, 2);
        assertThatThrownBy(() -> ranker.rank(with(ok, List.of()), "e", LOOP)).isInstanceOf(RankRequestException.class)
                .hasMessageContaining("at least one slot");
        SlotRequest a = ok.slots().get(0);
        assertThatThrownBy(() -> ranker.rank(with(ok, List.of(a, a)), "e", LOOP))
                .hasMessageContaining("'slot-0' appears more than once");
        assertThatThrownBy(() -> ranker.rank(with(ok, List.of(new SlotRequest("s", List.of(), List.of(), null))), "e",
                LOOP)).hasMessageContaining("needs a baselineAction");
        assertThatThrownBy(() -> ranker.rank(with(ok, List.of(new SlotRequest("s", List.of(), List.of(), "nope"))),
                "e", LOOP)).hasMessageContaining("'nope' of slot 's' is not one of the actions");
        assertThatThrownBy(() -> ranker.rank(with(ok, List.of(a, new SlotRequest("b", List.of(), List.of(),
                "article-0"))), "e", LOOP)).hasMessageContaining("already another slot's baseline");
        assertThatThrownBy(() -> ranker.rank(with(ok, List.of(new SlotRequest("s", List.of(), List.of("article-0"),
                "article-0"))), "e", LOOP)).hasMessageContaining("excludes its own baselineAction");
        assertThatThrownBy(() -> ranker.rank(with(ok, List.of(a, new SlotRequest("b", List.of(),
                List.of("article-0", "article-2"), "article-1"))), "e", LOOP))
                .hasMessageContaining("may show 1 actions, and the 1 slots before it");
        assertThatThrownBy(() -> ranker.rank(ok, "bad\nid", LOOP)).hasMessageContaining("control characters");
    }

    private static MultiSlotRequest with(MultiSlotRequest request, List<SlotRequest> slots) {
        return new MultiSlotRequest(request.contextFeaturesJson(), request.actions(), slots, null, false);
    }

    @Test
    void aSingleSlotPolicyCannotFillSlots() {
        LearnerStack single = LearnerStack.build(VwOptions.parse(List.of("--cb_explore_adf", "--epsilon", "0.2")));
        assertThatThrownBy(() -> new SlotRanker(single, false, "")).hasMessageContaining("--ccb_explore_adf");
        assertThat(single.servesRanks()).isTrue();
        assertThat(LearnerStack.build(VwOptions.parse(List.of(POLICY.split(" ")))).servesRanks()).isTrue();
    }
}
