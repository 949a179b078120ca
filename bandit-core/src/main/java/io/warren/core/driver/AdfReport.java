package io.warren.core.driver;

import io.warren.core.example.ActionScores;
import io.warren.core.example.Example;
import io.warren.core.learn.SharedData;
import io.warren.core.output.CFormat;
import io.warren.core.output.ProgressTable;
import io.warren.core.reductions.CbAdf;
import io.warren.core.reductions.CbExploreAdf;
import io.warren.core.reductions.KnownCost;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * What VW does after each multi-line CB example (update_stats, output_example_prediction,
 * print_update of the top reduction): progressive-validation loss, the prediction line, the table row.
 * With exploration the loss is the PMF's expected IPS cost; without, the IPS (or DR) cost of the
 * top-ranked action.
 */
final class AdfReport implements ExampleReport {
    private final SharedData sd;
    private final CbAdf cbAdf;
    private final CbExploreAdf explore;
    private final ProgressTable table;
    private final Writer predictions;
    private final boolean quiet;

    AdfReport(SharedData sd, CbAdf cbAdf, CbExploreAdf explore, ProgressTable table, Writer predictions,
              boolean quiet) {
        this.sd = sd;
        this.cbAdf = cbAdf;
        this.explore = explore;
        this.table = table;
        this.predictions = predictions;
        this.quiet = quiet;
    }

    @Override
    public void finish(List<Example> seq) throws IOException {
        Example head = seq.get(0);
        ActionScores preds = head.predActionScores;
        KnownCost known = explore != null ? explore.knownCost() : cbAdf.knownCost();
        boolean labeled = known.isLabeled();
        float loss = 0f;
        if (labeled) {
            if (explore != null) {
                for (int i = 0; i < preds.size; i++) {
                    float l = known.ipsEstimate(preds.action[i]);
                    loss += l * preds.score[i] * seq.get(seq.size() - preds.size + i).weight;
                }
            } else {
                loss = cbAdf.lossOf(preds.action[0]);
            }
        }
        long featuresForStats = explore != null ? displayedFeatures(seq) : plainFeatures(seq);
        sd.update(labeled, loss, head.weight, featuresForStats);
        writePrediction(head, preds);
        if (!quiet && table.due()) {
            String label = labeled ? known.action + ":" + CFormat.g(known.cost, 2) + ":" + CFormat.g(known.probability, 2)
                    : "unknown";
            String prediction = preds.size == 0 ? "no action"
                    : preds.action[0] + ":" + CFormat.trimmedFixed(preds.score[0], 2);
            table.row(label, prediction, displayedFeatures(seq));
        }
    }

    private void writePrediction(Example head, ActionScores preds) throws IOException {
        if (predictions == null) {
            return;
        }
        StringBuilder line = new StringBuilder();
        if (explore != null || cbAdf.rankAll()) {
            for (int i = 0; i < preds.size; i++) {
                line.append(i == 0 ? "" : ",").append(preds.action[i]).append(':').append(CFormat.g(preds.score[i], 6));
            }
        } else {
            line.append(preds.action[0]);
        }
        if (head.tagLength > 0) {
            line.append(' ').append(head.tagString());
        }
        line.append("\n\n");
        predictions.write(line.toString());
    }

    /** Features as the table counts them: the shared line once per action line, without its constant. */
    static long displayedFeatures(List<Example> seq) {
        long n = 0;
        // By index: an iterator here was the one allocation per event left where C2 did not remove it.
        for (int i = 0, size = seq.size(); i < size; i++) {
            Example ec = seq.get(i);
            if (ec.cb.isHeader()) {
                n += (seq.size() - 1) * (ec.totalFeatures() - ec.constantNamespaceSize());
            } else {
                n += ec.totalFeatures();
            }
        }
        return n;
    }

    private static long plainFeatures(List<Example> seq) {
        long n = 0;
        for (int i = 0, size = seq.size(); i < size; i++) {
            n += seq.get(i).totalFeatures();
        }
        return n;
    }
}
