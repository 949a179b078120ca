package io.warren.core.reductions;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import org.junit.jupiter.api.Test;

class AdfActionsTest {
    /** A weight table of 2^18 slots of stride 4, as VW's default -b 18 with the adaptive update. */
    private static final long MASK = (1L << 20) - 1;

    private static Example line() {
        Example ec = new Example();
        ec.reset();
        ec.addIndex('a');
        ec.features('a').push(1f, 1000L * 4);
        ec.features('a').push(0.5f, 1003L * 4);
        ec.addIndex(128);
        ec.features(128).push(1f, 11650396L * 4);
        ec.numFeatures = 3;
        ec.weight = 2f;
        ec.setTag("t1".getBytes(), 0, 2);
        ec.cb.add(1, 1f, 0.5f);
        return ec;
    }

    @Test
    void theCustomMaskCoversEveryActionBlock() {
        assertThat(AdfActions.customIndexMask(2, 4)).isEqualTo(15);
        assertThat(AdfActions.customIndexMask(2, 8)).isEqualTo(31);
        assertThat(AdfActions.customIndexMask(4, 4)).isEqualTo(31);
        assertThat(AdfActions.customIndexMask(10, 4)).isEqualTo(63);
    }

    @Test
    void eachActionGetsTheLineFeaturesInItsOwnWeightBlock() {
        AdfActions actions = new AdfActions(2, 4, MASK);
        actions.copyFrom(line());
        Features a0 = actions.get(0).features('a');
        Features a1 = actions.get(1).features('a');
        // Index 1000*4 = 4000: its low four bits (mask 15) are cleared, then 4 * action is added.
        assertThat(a0.indices[0]).isEqualTo(4000 - (4000 & 15));
        assertThat(a1.indices[0]).isEqualTo(4000 - (4000 & 15) + 4);
        assertThat(a0.indices[1]).isEqualTo(4012 - (4012 & 15));
        assertThat(a1.indices[1]).isEqualTo((4012 - (4012 & 15) + 4) & MASK);
        assertThat(a1.values[1]).isEqualTo(0.5f);
        assertThat(actions.get(1).features(128).indices[0]).isEqualTo(((11650396L * 4) - ((11650396L * 4) & 15) + 4) & MASK);
    }

    @Test
    void copiesTheLineButNotItsLabel() {
        AdfActions actions = new AdfActions(3, 4, MASK);
        actions.copyFrom(line());
        for (Example ec : actions.examples()) {
            assertThat(ec.numIndices).isEqualTo(2);
            assertThat(ec.indices[0]).isEqualTo('a');
            assertThat(ec.indices[1]).isEqualTo(128);
            assertThat(ec.numFeatures).isEqualTo(3);
            assertThat(ec.weight).isEqualTo(2f);
            assertThat(ec.tagString()).isEqualTo("t1");
            assertThat(ec.cb.size).isZero();
            assertThat(ec.features('a').sumFeatSq).isEqualTo(1.25f);
        }
    }

    @Test
    void refillingReplacesThePreviousLine() {
        AdfActions actions = new AdfActions(2, 4, MASK);
        actions.copyFrom(line());
        actions.get(0).cb.add(0, 1f, 0.5f);
        Example other = new Example();
        other.reset();
        other.addIndex('b');
        other.features('b').push(1f, 64);
        other.numFeatures = 1;
        actions.copyFrom(other);
        Example first = actions.get(0);
        assertThat(first.numIndices).isEqualTo(1);
        assertThat(first.indices[0]).isEqualTo('b');
        assertThat(first.cb.size).isZero();
        assertThat(first.tagLength).isZero();
        assertThat(actions.get(1).features('b').indices[0]).isEqualTo(68);
    }
}
