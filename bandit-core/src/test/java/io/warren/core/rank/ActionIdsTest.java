package io.warren.core.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActionIdsTest {
    private static List<RankableAction> actions(String... ids) {
        List<RankableAction> out = new ArrayList<>();
        for (String id : ids) {
            out.add(new RankableAction(id, List.of()));
        }
        return out;
    }

    @Test
    void idsWithTheSameHashAreTold() {
        // "Aa" and "BB" share String.hashCode, as do "AaAa", "AaBB", "BBAa" and "BBBB".
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        ActionIds ids = new ActionIds();
        ids.check(actions("x", "AaAa", "BB", "AaBB", "Aa", "BBAa", "BBBB"));
        assertThat(ids.indexOf("Aa")).isEqualTo(4);
        assertThat(ids.indexOf("BB")).isEqualTo(2);
        assertThat(ids.indexOf("BBBB")).isEqualTo(6);
        assertThat(ids.indexOf("x")).isZero();
        assertThat(ids.indexOf("CC")).isEqualTo(-1);
        assertThat(ids.indexOf("Ab")).isEqualTo(-1);
    }

    @Test
    void aRepeatedIdIsRefusedEvenAmongCollidingOnes() {
        ActionIds ids = new ActionIds();
        assertThatThrownBy(() -> ids.check(actions("Aa", "BB", "c", "Aa")))
                .isInstanceOf(RankRequestException.class).hasMessage("action id 'Aa' appears more than once");
    }

    @Test
    void aCheckForgetsTheRequestBefore() {
        ActionIds ids = new ActionIds();
        ids.check(actions("a", "b", "c"));
        ids.check(actions("c"));
        assertThat(ids.indexOf("c")).isZero();
        assertThat(ids.indexOf("a")).isEqualTo(-1);
    }

    @Test
    void emptyMissingAndTooManyIdsAreRefused() {
        ActionIds ids = new ActionIds();
        assertThatThrownBy(() -> ids.check(actions())).hasMessage("actions must contain at least one action");
        assertThatThrownBy(() -> ids.check(actions("a", ""))).hasMessage("every action needs a non-empty id");
        String[] many = new String[Ranker.MAX_ACTIONS + 1];
        for (int i = 0; i < many.length; i++) {
            many[i] = "a" + i;
        }
        assertThatThrownBy(() -> ids.check(actions(many)))
                .hasMessage("actions has 51 actions; at most 50 can be ranked");
    }
}
