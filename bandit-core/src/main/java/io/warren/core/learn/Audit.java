package io.warren.core.learn;

import io.warren.core.example.Example;
import io.warren.core.output.CFormat;
import io.warren.kernels.UpdateRule;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * VW's --audit and --invert_hash. On every prediction, --audit prints the prediction and then each
 * feature as {@code name:slot:value:weight[@adaptive]}, sorted by |weight x value| (largest first,
 * ties in visiting order); interacted features are named {@code a^x*b^y}. --invert_hash remembers the
 * first name seen for each weight slot and writes a readable model with those names.
 */
public final class Audit {
    private final PrintStream out;
    private final boolean collectNames;
    private final Map<Long, String> names = new TreeMap<>();
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String text, float magnitude) {}

    /** {@code out} receives --audit lines (null for none); {@code collectNames} for --invert_hash. */
    public Audit(PrintStream out, boolean collectNames) {
        this.out = out;
        this.collectNames = collectNames;
    }

    void record(Example ec, FeatureWalker walker, Weights weights, SharedData sd, UpdateRule rule) {
        entries.clear();
        long model = ec.ftOffset >>> weights.strideShift;
        float gravity = (float) sd.gravity;
        float contraction = (float) sd.contraction;
        walker.audit(ec, (name, slot, value) -> {
            if (collectNames && name.length() > 0) {
                names.putIfAbsent(slot, model != 0 ? name + "[" + model + "]" : name);
            }
            if (out == null) {
                return;
            }
            float w = weights.value[(int) slot];
            StringBuilder sb = new StringBuilder(name).append(':').append(slot).append(':').append(CFormat.g(value, 6))
                    .append(':').append(CFormat.g(GradientDescent.truncate(w, gravity) * contraction, 6));
            if (rule.isAdaptive()) {
                sb.append('@').append(CFormat.g(weights.get(slot, 1), 6));
            }
            entries.add(new Entry(sb.toString(), Math.abs(w * value)));
        });
        if (out == null) {
            return;
        }
        float p = ec.predScalar;
        out.println(Math.floor(p) == p ? CFormat.fixed(p, 0) : CFormat.fixed(p, 6));
        entries.sort(Comparator.comparingDouble((Entry e) -> e.magnitude).reversed());
        StringBuilder line = new StringBuilder();
        for (Entry e : entries) {
            line.append('\t').append(e.text);
        }
        out.println(line);
    }

    /** The readable model: one line per non-zero weight, {@code name:slot:weight[ state...]}. */
    public void writeInvertHash(Writer w, String arguments, Weights weights, UpdateRule rule) throws IOException {
        w.write("Warren readable model\n");
        w.write("bits:" + weights.bits + "\n");
        w.write("options: " + arguments + "\n");
        int live = rule.isAdaptive() && rule.isNormalized() ? 2 : (rule.isAdaptive() || rule.isNormalized() ? 1 : 0);
        for (long slot = 0; slot < weights.slots(); slot++) {
            float v = weights.value[(int) slot];
            if (v == 0f) {
                continue;
            }
            String name = names.get(slot);
            StringBuilder sb = new StringBuilder();
            if (name != null) {
                sb.append(name).append(':');
            }
            sb.append(slot).append(':').append(CFormat.g(v, 6));
            for (int k = 1; k <= live; k++) {
                sb.append(' ').append(CFormat.g(weights.get(slot, k), 6));
            }
            w.write(sb.append('\n').toString());
        }
    }
}
