package io.warren.core.driver;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CcbLabel;
import io.warren.core.example.DecisionScores;
import io.warren.core.example.Example;
import io.warren.core.learn.SharedData;
import io.warren.core.output.CFormat;
import io.warren.core.output.ProgressTable;
import io.warren.core.reductions.CcbExploreAdf;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.List;

/**
 * What VW does after each CCB example (update_stats_ccb, output_example_prediction_ccb,
 * print_update_ccb). The loss is the first slot's (every labelled slot's with
 * {@code --all_slots_loss}) IPS estimate of the chosen action times its probability; features are
 * counted per slot as the reduction recorded them. Predictions are one {@code action:prob,...} line
 * per slot and a blank line. Under {@code --no_predict} nothing is reported. VW's warnings go to
 * stdout, where VW's logger writes them, unless quiet.
 */
final class CcbReport implements ExampleReport {
    private final SharedData sd;
    private final CcbExploreAdf ccb;
    private final ProgressTable table;
    private final Writer predictions;
    private final PrintStream out;
    private final boolean quiet;
    private final boolean allSlotsLoss;
    private final StringBuilder line = new StringBuilder();

    CcbReport(SharedData sd, CcbExploreAdf ccb, ProgressTable table, Writer predictions, PrintStream out,
              boolean quiet, boolean allSlotsLoss) {
        this.sd = sd;
        this.ccb = ccb;
        this.table = table;
        this.predictions = predictions;
        this.out = out;
        this.quiet = quiet;
        this.allSlotsLoss = allSlotsLoss;
    }

    @Override
    public void finish(List<Example> seq) throws IOException {
        for (int i = ccb.takeUnlabeledLearnOnlySlots(); i > 0 && !quiet; i--) {
            out.println("[warning] Unlabeled example used for learning only. Skipping over.");
        }
        if (ccb.noPredict()) {
            return;
        }
        List<Example> slots = ccb.slots();
        DecisionScores decisions = ccb.decisions();
        float weight = seq.get(0).weight;
        long features = 0;
        int labeled = 0;
        float loss = 0f;
        for (int i = 0; i < slots.size(); i++) {
            Example slot = slots.get(i);
            features += slot.totalFeatures();
            CcbLabel label = slot.ccb;
            if (!label.hasOutcome) {
                continue;
            }
            labeled++;
            ActionScores pred = decisions.get(i);
            if (pred.size > 0 && (i == 0 || allSlotsLoss)) {
                float estimate = pred.action[0] == label.chosenAction() ? label.cost / label.chosenProbability() : 0f;
                loss += estimate * pred.score[0] * weight;
            }
        }
        if (labeled > 0 && labeled < slots.size() && !quiet) {
            out.println("[warning] Unlabeled example in train set, was this intentional?");
        }
        sd.update(labeled > 0, loss, weight, features);
        writePredictions(decisions);
        if (!quiet && table.due()) {
            table.row(labelText(slots), predictionText(decisions), features);
        }
    }

    private void writePredictions(DecisionScores decisions) throws IOException {
        if (predictions == null) {
            return;
        }
        line.setLength(0);
        for (int s = 0; s < decisions.size(); s++) {
            ActionScores pred = decisions.get(s);
            for (int i = 0; i < pred.size; i++) {
                line.append(i == 0 ? "" : ",").append(Integer.toUnsignedString(pred.action[i])).append(':')
                        .append(CFormat.trimmedFixed(pred.score[i], 6));
            }
            line.append('\n');
        }
        line.append('\n');
        predictions.append(line);
    }

    /** VW's generate_ccb_label_printout: {@code action:cost} or {@code ?} per slot, cut after two of three or more. */
    private static String labelText(List<Example> slots) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < slots.size(); i++) {
            CcbLabel label = slots.get(i).ccb;
            if (i > 0) {
                sb.append(',');
            }
            if (label.hasOutcome) {
                sb.append(Integer.toUnsignedString(label.chosenAction())).append(':').append(CFormat.g(label.cost, 6));
            } else {
                sb.append('?');
            }
            if (i > 0 && slots.size() > 2) {
                sb.append(",...");
                break;
            }
        }
        return sb.toString();
    }

    private static String predictionText(DecisionScores decisions) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < decisions.size(); s++) {
            if (s > 0) {
                sb.append(',');
            }
            ActionScores pred = decisions.get(s);
            sb.append(pred.size == 0 ? "None" : Integer.toUnsignedString(pred.action[0]));
        }
        return sb.toString();
    }
}
