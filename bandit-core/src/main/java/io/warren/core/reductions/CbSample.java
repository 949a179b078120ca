package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.explore.Explore;
import io.warren.core.explore.RandState;
import io.warren.core.hash.Murmur3;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/**
 * VW's cb_sample: picks the action to show from the exploration PMF and swaps it to the front of
 * the prediction. When learning from a labelled example the logged action is the pick; otherwise
 * one draw is made from the shared random state (which then advances), or from the hash of the
 * first line's tag after {@code seed=} (which leaves the state alone). The PMF is normalised in
 * place by the draw, as in VW.
 */
public final class CbSample extends MultiLearner {
    private static final byte[] SEED_PREFIX = {'s', 'e', 'e', 'd', '='};

    private final MultiLearner base;
    private final RandState random;

    public CbSample(MultiLearner base, RandState random) {
        super("cb_sample");
        this.base = base;
        this.random = random;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return true;
    }

    @Override
    public void learn(List<Example> examples) {
        if (!base.learnReturnsPrediction()) {
            base.predict(examples);
        }
        base.learn(examples);
        choose(examples, labeledLine(examples));
    }

    @Override
    public void predict(List<Example> examples) {
        base.predict(examples);
        choose(examples, -1);
    }

    private static int labeledLine(List<Example> examples) {
        for (int i = 0, n = examples.size(); i < n; i++) {
            if (examples.get(i).cb.size > 0) {
                return i;
            }
        }
        return -1;
    }

    private void choose(List<Example> examples, int labeled) {
        Example first = examples.get(0);
        ActionScores pmf = first.predActionScores;
        int chosen = 0;
        if (labeled >= 0) {
            for (int i = 0; i < pmf.size; i++) {
                if (pmf.action[i] == labeled) {
                    chosen = i;
                    break;
                }
            }
        } else if (hasSeedTag(first)) {
            long seed = Murmur3.hash(first.tag, SEED_PREFIX.length, first.tagLength - SEED_PREFIX.length, 0);
            chosen = Explore.sampleAfterNormalizing(seed, pmf.score, pmf.size);
        } else {
            chosen = Explore.sampleAfterNormalizing(random.state(), pmf.score, pmf.size);
            random.next();
        }
        if (chosen < pmf.size) {
            pmf.swap(0, chosen);
        }
    }

    private static boolean hasSeedTag(Example ec) {
        if (ec.tagLength <= SEED_PREFIX.length) {
            return false;
        }
        for (int i = 0; i < SEED_PREFIX.length; i++) {
            if (ec.tag[i] != SEED_PREFIX[i]) {
                return false;
            }
        }
        return true;
    }
}
