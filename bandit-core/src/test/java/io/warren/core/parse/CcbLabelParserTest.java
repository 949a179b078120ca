package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.core.example.CcbLabel;
import io.warren.core.example.Example;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CcbLabelParserTest {
    private final CcbLabelParser parser = new CcbLabelParser();

    private CcbLabel parse(String label) {
        Example ec = new Example();
        ec.reset();
        return parse(ec, label);
    }

    private CcbLabel parse(Example ec, String label) {
        byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
        Tokens words = new Tokens();
        words.split(bytes, 0, bytes.length, (byte) ' ');
        parser.parse(ec, words);
        return ec.ccb;
    }

    private static int[] included(CcbLabel label) {
        return Arrays.copyOf(label.included, label.includedSize);
    }

    @Test
    void readsTheThreeKindsOfLine() {
        assertThat(parse("ccb shared").type).isEqualTo(CcbLabel.Type.SHARED);
        assertThat(parse("ccb action").type).isEqualTo(CcbLabel.Type.ACTION);
        CcbLabel slot = parse("ccb slot");
        assertThat(slot.type).isEqualTo(CcbLabel.Type.SLOT);
        assertThat(slot.hasOutcome).isFalse();
        assertThat(slot.includedSize).isZero();
    }

    @Test
    void slotOutcomePutsTheShownActionFirst() {
        CcbLabel slot = parse("ccb slot 1:-0.5:0.25,0:0.25,2:0.5");
        assertThat(slot.hasOutcome).isTrue();
        assertThat(slot.cost).isEqualTo(-0.5f);
        assertThat(slot.chosenAction()).isEqualTo(1);
        assertThat(slot.chosenProbability()).isEqualTo(0.25f);
        assertThat(Arrays.copyOf(slot.outcomeAction, slot.outcomeSize)).containsExactly(1, 0, 2);
        assertThat(Arrays.copyOf(slot.outcomeProbability, slot.outcomeSize)).containsExactly(0.25f, 0.25f, 0.5f);
    }

    @Test
    void wordWithoutColonListsIncludedActionsInEitherPosition() {
        assertThat(included(parse("ccb slot 0,2,9"))).containsExactly(0, 2, 9);
        CcbLabel after = parse("ccb slot 3:1:0.5 1,3");
        assertThat(included(after)).containsExactly(1, 3);
        assertThat(after.chosenAction()).isEqualTo(3);
        CcbLabel before = parse("ccb slot 1,3 3:1:0.5");
        assertThat(included(before)).containsExactly(1, 3);
        assertThat(before.hasOutcome).isTrue();
    }

    @Test
    void idsAreReadLikeStrtolAndKeptAsUnsigned() {
        assertThat(included(parse("ccb slot 2x,,+4,-1"))).containsExactly(2, 4, -1);
        assertThat(Integer.toUnsignedLong(parse("ccb slot -1").included[0])).isEqualTo(0xffffffffL);
    }

    @Test
    void probabilitiesAreClampedToTheUnitInterval() {
        assertThat(parse("ccb slot 0:1:1.5").chosenProbability()).isEqualTo(1f);
        assertThat(parse("ccb slot 0:1:-0.5").chosenProbability()).isEqualTo(0f);
    }

    @Test
    void onlySlotsWithAnOutcomeAreLabelled() {
        Example ec = new Example();
        ec.reset();
        assertThat(parser.isTest(ec)).isTrue();
        parse(ec, "ccb slot 0:1:0.5");
        assertThat(parser.isTest(ec)).isFalse();
        assertThat(parser.weight(ec)).isEqualTo(1f);
        ec.reset();
        parse(ec, "ccb slot 0,1");
        assertThat(parser.isTest(ec)).isTrue();
    }

    @Test
    void rejectsWhatVwRejects() {
        assertThatThrownBy(() -> parse("ccb")).hasMessage("ccb labels may not be empty");
        assertThatThrownBy(() -> parse("cb shared")).hasMessage("ccb labels require the first word to be ccb");
        assertThatThrownBy(() -> parse("ccb shared 1")).hasMessage("shared labels may not have a cost");
        assertThatThrownBy(() -> parse("ccb action 1:0:1")).hasMessage("action labels may not have a cost");
        assertThatThrownBy(() -> parse("ccb slate")).hasMessage("unknown label type: slate");
        assertThatThrownBy(() -> parse("ccb slot 0:1:1 1 2"))
                .hasMessage("ccb slot label can only have a type cost and exclude list");
        assertThatThrownBy(() -> parse("ccb slot 0:1:1 1:1:1"))
                .hasMessage("There may be only 1 outcome associated with a slot.");
        assertThatThrownBy(() -> parse("ccb slot 0::0.5")).hasMessage("Malformed ccb label");
        assertThatThrownBy(() -> parse("ccb slot 0:1:0.5,1:0.2:3")).hasMessage("Must be action probability pairs");
        assertThatThrownBy(() -> parse("ccb slot 0:1:0.5,1:0.4"))
                .hasMessageStartingWith("When providing all prediction probabilities they must add up to 1.f");
    }

    @Test
    void rejectsTokensThatAreNotNumbers() {
        assertThatThrownBy(() -> parse("ccb slot 0:x:0.5")).hasMessage("'x' is not a good float");
        assertThatThrownBy(() -> parse("ccb slot a:1:0.5")).hasMessage("'a' is not a good int");
        assertThatThrownBy(() -> parse("ccb slot 1,b")).hasMessage("'b' is not a good int");
    }
}
