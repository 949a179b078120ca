package io.warren.core.output;

import io.warren.core.learn.SharedData;
import java.io.PrintStream;

/**
 * VW's progressive-validation table on stderr: a row each time the weighted example count passes
 * the dump interval (which doubles by default), and the closing summary.
 */
public final class ProgressTable {
    private final PrintStream out;
    private final SharedData sd;

    public ProgressTable(PrintStream out, SharedData sd) {
        this.out = out;
        this.sd = sd;
    }

    public boolean due() {
        return sd.weightedExamples() >= sd.dumpInterval;
    }

    public void header() {
        out.println("average  since         example        example        current        current  current");
        out.println("loss     last          counter         weight          label        predict features");
    }

    public void row(String label, String prediction, long numFeatures) {
        String avgLoss = sd.weightedLabeledExamples > 0
                ? CFormat.fixed(sd.sumLoss / sd.weightedLabeledExamples, 6) : "n.a.";
        String sinceLast = sd.weightedLabeledExamples == sd.oldWeightedLabeledExamples ? "n.a."
                : CFormat.fixed(sd.sumLossSinceLastDump / (sd.weightedLabeledExamples - sd.oldWeightedLabeledExamples), 6);
        StringBuilder row = new StringBuilder(96);
        left(row, avgLoss, 8);
        row.append(' ');
        left(row, sinceLast, 8);
        row.append(' ');
        right(row, Long.toString(sd.exampleNumber), 12, false);
        row.append(' ');
        right(row, CFormat.fixed(sd.weightedExamples(), 1), 14, false);
        row.append(' ');
        right(row, label, 14, true);
        row.append(' ');
        right(row, prediction, 14, true);
        row.append(' ');
        right(row, Long.toString(numFeatures), 8, false);
        out.println(row);
        sd.updateDumpInterval();
    }

    private static void left(StringBuilder sb, String s, int width) {
        String v = s.length() > width ? s.substring(0, width) : s;
        sb.append(v);
        for (int i = v.length(); i < width; i++) {
            sb.append(' ');
        }
    }

    private static void right(StringBuilder sb, String s, int width, boolean ellipsis) {
        String v = s;
        if (v.length() > width) {
            v = ellipsis ? v.substring(0, width - 3) + "..." : v.substring(0, width);
        }
        for (int i = v.length(); i < width; i++) {
            sb.append(' ');
        }
        sb.append(v);
    }

    public void summary() {
        out.println();
        out.println("finished run");
        out.println("number of examples = " + sd.exampleNumber);
        out.println("weighted example sum = " + CFormat.fixed(sd.weightedExamples(), 6));
        out.println("weighted label sum = " + CFormat.fixed(sd.weightedLabels, 6));
        String avg = sd.weightedLabeledExamples > 0
                ? CFormat.fixed(sd.sumLoss / sd.weightedLabeledExamples, 6) : "n.a.";
        out.println("average loss = " + avg);
        out.println("total feature number = " + sd.totalFeatures);
    }
}
