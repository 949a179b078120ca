package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.CcbLabel;
import io.warren.core.example.Example;
import io.warren.core.hash.FeatureHasher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DSJSON read for --ccb_explore_adf: which example is what, and where the outcomes go. */
class DsJsonCcbTest {
    private static final String TWO_SLOTS = "{\"c\":{\"shared\":{\"f\":\"1\"},\"_multi\":[{\"action\":{\"f\":\"1\"}},"
            + "{\"action\":{\"f\":\"2\"}},{\"action\":{\"f\":\"3\"}}],\"_slots\":[{\"_id\":\"slot1\",\"_inc\":[0,2],"
            + "\"sj\":{\"f\":\"1\"}},{\"_id\":\"slot2\",\"sj\":{\"f\":\"2\"}}]},\"_outcomes\":[{\"_label_cost\":-1.0,"
            + "\"_id\":\"slot1\",\"_a\":[2,1,0],\"_p\":[0.5,0.25,0.25],\"_o\":[]},{\"_label_cost\":0.5,\"_id\":\"slot2\","
            + "\"_a\":[1,0],\"_p\":[0.6,0.4],\"_o\":[]}],\"pdrop\":0.5}";

    private final DsJsonParser parser =
            new DsJsonParser(FeatureHasher.STRINGS, 0, 18, false, false, true, new CcbLabelParser());
    private final List<Example> out = new ArrayList<>();

    private DsJsonParser.Status parse(String line) {
        out.clear();
        return parser.parse(line, () -> {
            Example e = new Example();
            e.reset();
            return e;
        }, out);
    }

    private List<CcbLabel.Type> types() {
        return out.stream().map(e -> e.ccb.type).toList();
    }

    @Test
    void linesBecomeSharedActionsAndSlotsWithTheirOutcomesInOrder() {
        assertThat(parse(TWO_SLOTS)).isEqualTo(DsJsonParser.Status.LEARN);
        assertThat(types()).containsExactly(CcbLabel.Type.SHARED, CcbLabel.Type.ACTION, CcbLabel.Type.ACTION,
                CcbLabel.Type.ACTION, CcbLabel.Type.SLOT, CcbLabel.Type.SLOT);
        CcbLabel first = out.get(4).ccb;
        assertThat(first.cost).isEqualTo(-1f);
        assertThat(Arrays.copyOf(first.outcomeAction, first.outcomeSize)).containsExactly(2, 1, 0);
        assertThat(Arrays.copyOf(first.outcomeProbability, first.outcomeSize)).containsExactly(0.5f, 0.25f, 0.25f);
        assertThat(Arrays.copyOf(first.included, first.includedSize)).containsExactly(0, 2);
        CcbLabel second = out.get(5).ccb;
        assertThat(second.cost).isEqualTo(0.5f);
        assertThat(second.chosenAction()).isEqualTo(1);
        assertThat(second.includedSize).isZero();
        assertThat(parser.interaction.actions.size()).isEqualTo(2);
        assertThat(parser.interaction.actions.get(0)).isEqualTo(2);
        assertThat(parser.interaction.probabilities.get(1)).isEqualTo(0.6f);
    }

    @Test
    void pdropWeighsEveryCcbLabel() {
        parse(TWO_SLOTS);
        assertThat(out).allSatisfy(e -> assertThat(e.ccb.weight).isEqualTo(2f));
    }

    @Test
    void cbLabelWithoutSlotsBecomesOneSlotWithZeroBasedAction() {
        parse("{\"_label_cost\":-1.0,\"_label_probability\":0.2,\"_label_Action\":2,\"_labelIndex\":1,\"a\":[2,1],"
                + "\"c\":{\"F\":\"1\",\"_multi\":[{\"F\":\"2\"},{\"F\":\"3\"}]},\"p\":[0.2,0.8]}");
        assertThat(types()).containsExactly(CcbLabel.Type.SHARED, CcbLabel.Type.ACTION, CcbLabel.Type.ACTION,
                CcbLabel.Type.SLOT);
        CcbLabel slot = out.get(3).ccb;
        assertThat(slot.hasOutcome).isTrue();
        assertThat(slot.chosenAction()).isEqualTo(1);
        assertThat(slot.chosenProbability()).isEqualTo(0.2f);
        assertThat(slot.cost).isEqualTo(-1f);
    }

    @Test
    void eventWithoutOutcomesOrActionsIsNotLearnedFrom() {
        assertThat(parse("{\"c\":{\"_multi\":[{\"a\":{\"x\":1}}],\"_slots\":[{\"_id\":\"s\"}]}}"))
                .isEqualTo(DsJsonParser.Status.NO_ACTIONS);
    }
}
