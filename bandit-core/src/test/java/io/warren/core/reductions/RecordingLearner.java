package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.learn.MultiLearner;
import java.util.ArrayList;
import java.util.List;

/** A stand-in for the ADF stack: records what it is asked and answers with a fixed prediction. */
final class RecordingLearner extends MultiLearner {
    final List<String> calls = new ArrayList<>();
    final ActionScores answer = new ActionScores();
    boolean returnsPrediction;

    RecordingLearner() {
        super("recording");
    }

    RecordingLearner answering(int[] actions, float[] scores) {
        answer.clear();
        for (int i = 0; i < actions.length; i++) {
            answer.add(actions[i], scores[i]);
        }
        return this;
    }

    @Override
    public boolean learnReturnsPrediction() {
        return returnsPrediction;
    }

    @Override
    public void learn(List<Example> examples) {
        calls.add("learn " + labels(examples));
        if (returnsPrediction) {
            examples.get(0).predActionScores.copyFrom(answer);
        }
    }

    @Override
    public void predict(List<Example> examples) {
        calls.add("predict " + labels(examples));
        examples.get(0).predActionScores.copyFrom(answer);
    }

    /** The labels of the lines, "-" for none, e.g. {@code [-, 1:0.5:0.25, -]}. */
    static String labels(List<Example> examples) {
        List<String> parts = new ArrayList<>();
        for (Example ec : examples) {
            CbLabel l = ec.cb;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.size; i++) {
                sb.append(i == 0 ? "" : " ").append(l.action[i]).append(':').append(l.cost[i]).append(':')
                        .append(l.probability[i]);
            }
            parts.add(sb.isEmpty() ? "-" : sb.toString());
        }
        return parts.toString();
    }
}
