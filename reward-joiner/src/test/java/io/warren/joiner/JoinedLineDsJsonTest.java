package io.warren.joiner;

import static io.warren.joiner.Records.T0;
import static io.warren.joiner.Records.WAIT;
import static io.warren.joiner.Records.activation;
import static io.warren.joiner.Records.at;
import static io.warren.joiner.Records.multiSlotDecision;
import static io.warren.joiner.Records.reward;
import static io.warren.joiner.Records.singleSlotDecision;
import static io.warren.joiner.Records.slotReward;
import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.driver.TrainRun;
import io.warren.core.example.CbLabel;
import io.warren.core.example.CcbLabel;
import io.warren.core.example.Example;
import io.warren.core.hash.FeatureHasher;
import io.warren.core.parse.CbLabelParser;
import io.warren.core.parse.CcbLabelParser;
import io.warren.core.parse.DsJsonParser;
import io.warren.core.parse.LabelParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Joined lines are what Warren's (and VW's) --dsjson reader learns from, with the label they should carry. */
class JoinedLineDsJsonTest {
    @TempDir
    Path work;

    private final List<Example> examples = new ArrayList<>();
    private DsJsonParser parser;

    private static String join(String decision, String... rewards) {
        JoinDriver d = new JoinDriver();
        d.decision(decision);
        for (String r : rewards) {
            d.reward(r);
        }
        d.watermark(T0 + WAIT);
        return d.joined.get(0).json;
    }

    private DsJsonParser.Status parse(LabelParser labels, String line) {
        parser = new DsJsonParser(FeatureHasher.STRINGS, 0, 18, false, false, true, labels);
        examples.clear();
        return parser.parse(line, () -> {
            Example e = new Example();
            e.reset();
            return e;
        }, examples);
    }

    @Test
    void singleSlotLineCarriesCostProbabilityAndActionOnTheChosenAction() {
        String line = join(singleSlotDecision("e1", at(0), false), reward("e1", at(1), 0.5f));
        assertThat(parse(new CbLabelParser(), line)).isEqualTo(DsJsonParser.Status.LEARN);
        assertThat(examples).hasSize(4);
        assertThat(examples.get(0).cb.isHeader()).isTrue();
        // a[0] = 2: the second _multi entry, example 1 + _labelIndex.
        CbLabel chosen = examples.get(2).cb;
        assertThat(chosen.size).isEqualTo(1);
        assertThat(chosen.action[0]).isEqualTo(2);
        assertThat(chosen.cost[0]).isEqualTo(-0.5f);
        assertThat(chosen.probability[0]).isEqualTo(0.8f);
        assertThat(examples.get(1).cb.size).isZero();
        assertThat(examples.get(3).cb.size).isZero();
        assertThat(parser.interaction.eventId()).isEqualTo("e1");
        assertThat(parser.interaction.actions.get(0)).isEqualTo(2);
    }

    /**
     * The decision is spliced by offsets into its text: text outside ASCII before the spliced ranges (here
     * in the context, before the body's end and before _outcomes) must not shift them.
     */
    @Test
    void decisionsWithTextBeyondAsciiAreSplicedWhole() {
        String single = singleSlotDecision("e1", at(0), false).replace("sunny", "sonnig \u2600 \u6674\u308c")
                .replace("Mocha", "Caf\u00e9");
        String line = join(single, reward("e1", at(1), 0.5f));
        assertThat(line).contains(single.substring(1, single.length() - 1)).endsWith("}");
        assertThat(parse(new CbLabelParser(), line)).isEqualTo(DsJsonParser.Status.LEARN);
        assertThat(examples.get(2).cb.cost[0]).isEqualTo(-0.5f);

        String multi = multiSlotDecision("e1", at(0), false).replace("sunny", "\u6674\u308c")
                .replace("Large", "Gro\u00df");
        String multiLine = join(multi, slotReward("e1", at(1), 1f, "slot1"));
        assertThat(multiLine).contains("\"FromUrl\":[{\"weather\":\"\u6674\u308c\"}]")
                .contains("{\"_label_cost\":-1.0,\"_id\":\"slot1\",\"_a\":[2,0,1],\"_p\":[0.7,0.2,0.1],\"_o\":[")
                .contains("\"_loop\":\"demo\"}");
        assertThat(parse(new CcbLabelParser(), multiLine)).isEqualTo(DsJsonParser.Status.LEARN);
    }

    @Test
    void deferredLineWithoutActivationIsSkipped() {
        String line = join(singleSlotDecision("e1", at(0), true), reward("e1", at(1), 0.5f));
        assertThat(parse(new CbLabelParser(), line)).isEqualTo(DsJsonParser.Status.SKIP_LEARN);
        String activated = join(singleSlotDecision("e1", at(0), true), activation("e1", at(1)));
        assertThat(parse(new CbLabelParser(), activated)).isEqualTo(DsJsonParser.Status.LEARN);
    }

    @Test
    void multiSlotLineLabelsEachSlotWithItsOwnReward() {
        String line = join(multiSlotDecision("e1", at(0), false), slotReward("e1", at(1), 1f, "slot1"),
                slotReward("e1", at(2), 0.25f, "slot2"), activation("e1", at(3)));
        assertThat(parse(new CcbLabelParser(), line)).isEqualTo(DsJsonParser.Status.LEARN);
        assertThat(examples).extracting(e -> e.ccb.type).containsExactly(CcbLabel.Type.SHARED, CcbLabel.Type.ACTION,
                CcbLabel.Type.ACTION, CcbLabel.Type.ACTION, CcbLabel.Type.SLOT, CcbLabel.Type.SLOT);
        CcbLabel slot1 = examples.get(4).ccb;
        assertThat(slot1.cost).isEqualTo(-1f);
        assertThat(slot1.chosenAction()).isEqualTo(2);
        assertThat(slot1.chosenProbability()).isEqualTo(0.7f);
        CcbLabel slot2 = examples.get(5).ccb;
        assertThat(slot2.cost).isEqualTo(-0.25f);
        assertThat(slot2.chosenAction()).isEqualTo(0);
        assertThat(slot2.chosenProbability()).isEqualTo(0.6f);
    }

    @Test
    void warrenTrainLearnsFromJoinedLines() throws Exception {
        StringBuilder single = new StringBuilder();
        StringBuilder multi = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String id = "e" + i;
            single.append(join(singleSlotDecision(id, at(0), false), reward(id, at(1), i % 2))).append('\n');
            multi.append(join(multiSlotDecision(id, at(0), false), slotReward(id, at(1), i % 2, "slot1"))).append('\n');
        }
        assertThat(train(single, "--cb_explore_adf")).contains("number of examples = 20");
        assertThat(train(multi, "--ccb_explore_adf")).contains("number of examples = 20");
    }

    private String train(CharSequence lines, String reduction) throws Exception {
        Path data = Files.writeString(work.resolve(reduction.substring(2) + ".json"), lines);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work)
                .run(List.of(reduction, "--dsjson", "-d", data.toString()));
        String log = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(log).isZero();
        return log;
    }
}
