package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import java.util.List;

/** VW's multiline_learn_or_predict: run model {@code id} with every line at the first line's offset. */
final class Multiline {
    private long[] savedOffsets = new long[16];

    void learn(MultiLearner base, List<Example> examples, int id) {
        run(base, examples, id, true);
    }

    void predict(MultiLearner base, List<Example> examples, int id) {
        run(base, examples, id, false);
    }

    private void run(MultiLearner base, List<Example> examples, int id, boolean learn) {
        int n = examples.size();
        if (savedOffsets.length < n) {
            savedOffsets = new long[n];
        }
        long offset = examples.get(0).ftOffset;
        for (int i = 0; i < n; i++) {
            savedOffsets[i] = examples.get(i).ftOffset;
            examples.get(i).ftOffset = offset;
        }
        if (learn) {
            base.learn(examples, id);
        } else {
            base.predict(examples, id);
        }
        for (int i = 0; i < n; i++) {
            examples.get(i).ftOffset = savedOffsets[i];
        }
    }
}
