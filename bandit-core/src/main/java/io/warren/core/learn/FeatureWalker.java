package io.warren.core.learn;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.example.Namespaces;
import io.warren.kernels.FeatureBuffer;
import io.warren.kernels.SparseKernels;
import java.util.Arrays;

/**
 * Visits every feature of an example, linear and interacted, in VW's foreach_feature order, handing
 * runs of features to a {@link SparseKernels} pass: namespaces in order, then each interaction
 * (quadratic {@code (FNV * i) ^ j}, cubic {@code (FNV * ((FNV * i) ^ j)) ^ k}, longer ones chained the
 * same way). Without {@code --permutations} a namespace interacting with itself visits each unordered
 * pair once (the inner run starts at the outer position).
 *
 * <p>Interactions are computed on the fly, never materialised: for cb_adf with K actions the learner
 * predicts K times per event and a materialised expansion cost more than the dot products.
 */
public final class FeatureWalker {
    private enum Pass { DOT, TRUNCATED_DOT, COLLECT, COLLECT_VALUES, AUDIT, VISIT }

    /** Receives every feature of a visit: its full (unmasked) index including the offset, and its value. */
    public interface IndexSink {
        void feature(long index, float value);
    }

    /** Receives every feature of an audit walk: its VW audit name, weight slot and value. */
    interface AuditSink {
        void feature(String name, long slot, float value);
    }

    private final SparseKernels kernels;
    private final Weights weights;
    private final int[] cursor = new int[16];
    private final long[] hashSoFar = new long[16];
    private final float[] valueSoFar = new float[16];
    private final Features[] spaces = new Features[16];

    // State of the pass in progress.
    private Pass pass;
    private long offset;
    private float acc;
    private float gravity;
    private FeatureBuffer buffer;
    private long interacted;
    private long interactedFirst;
    private AuditSink auditSink;
    private IndexSink indexSink;
    /** Audit names of the outer features of the interaction being walked, joined with '*'. */
    private String auditPrefix = "";

    /** A walker that only visits features ({@link #visit}), for reductions that need them without weights. */
    public FeatureWalker() {
        this(null, null);
    }

    FeatureWalker(SparseKernels kernels, Weights weights) {
        this.kernels = kernels;
        this.weights = weights;
    }

    float dot(Example ec, float initial) {
        pass = Pass.DOT;
        acc = initial;
        walk(ec);
        return acc;
    }

    /** Interacted features visited by the last walk (VW's num_features_from_interactions). */
    long interactedCount() {
        return interacted;
    }

    /**
     * The dot products of two examples, {@code out[0]} for {@code a} and {@code out[1]} for {@code b}, each
     * summed in VW's order. When the two have the same shape (the action lines of one cb_adf event usually
     * do) their runs are walked in lockstep through the pair kernels; otherwise one after the other.
     * {@link #interactedCount()} then holds the count of either (equal by shape) or of {@code b}.
     */
    void dotPair(Example a, Example b, float[] out) {
        if (!sameShape(a, b)) {
            out[0] = dot(a, a.initial);
            long first = interacted;
            out[1] = dot(b, b.initial);
            interactedFirst = first;
            return;
        }
        float[] w = weights.value;
        int shift = weights.strideShift;
        long mask = weights.mask;
        long offset = a.ftOffset;
        out[0] = a.initial;
        out[1] = b.initial;
        for (int n = 0; n < a.numIndices; n++) {
            Features fa = a.featureSpace[a.indices[n]];
            Features fb = b.featureSpace[b.indices[n]];
            kernels.dotPair(w, shift, mask, fa.indices, fa.values, fb.indices, fb.values, fa.size, offset, out);
        }
        long count = 0;
        for (int[] interaction : a.interactions) {
            if (hasEmpty(a, interaction)) {
                continue;
            }
            Features firstA = a.featureSpace[interaction[0]];
            Features secondA = a.featureSpace[interaction[1]];
            Features firstB = b.featureSpace[interaction[0]];
            Features secondB = b.featureSpace[interaction[1]];
            boolean triangular = !a.permutations && firstA == secondA;
            kernels.quadraticDotPair(w, shift, mask, firstA.indices, firstA.values, firstB.indices, firstB.values,
                    firstA.size, secondA.indices, secondA.values, secondB.indices, secondB.values, secondA.size,
                    triangular, offset, Namespaces.FNV_PRIME, out);
            count += quadraticCount(firstA, secondA, triangular);
        }
        interacted = count;
        interactedFirst = count;
    }

    /**
     * Every lane's dot product, into {@code lanes.acc} (which starts at each example's initial value), in
     * the leader's walk order; {@link #interactedCount()} then holds the count every lane shares.
     */
    void dotLanes(FeatureLanes lanes) {
        Example a = lanes.leader();
        float[] w = weights.value;
        int shift = weights.strideShift;
        long mask = weights.mask;
        long offset = a.ftOffset;
        for (int n = 0; n < a.numIndices; n++) {
            int ns = a.indices[n];
            Features fs = a.featureSpace[ns];
            kernels.dotLanes(w, shift, mask, fs.indices, fs.size, lanes.values, lanes.start[ns], lanes.stride,
                    lanes.count, offset, lanes.acc);
        }
        long count = 0;
        for (int[] interaction : a.interactions) {
            if (hasEmpty(a, interaction)) {
                continue;
            }
            Features first = a.featureSpace[interaction[0]];
            Features second = a.featureSpace[interaction[1]];
            boolean triangular = !a.permutations && first == second;
            kernels.quadraticDotLanes(w, shift, mask, first.indices, first.size, lanes.start[interaction[0]],
                    second.indices, second.size, lanes.start[interaction[1]], lanes.values, lanes.stride,
                    lanes.count, triangular, offset, Namespaces.FNV_PRIME, lanes.acc);
            count += quadraticCount(first, second, triangular);
        }
        interacted = count;
    }

    /** Interacted features of the first example of the last {@link #dotPair}. */
    long firstInteractedCount() {
        return interactedFirst;
    }

    /**
     * Whether two examples walk alike: same offset and namespaces in the same order with the same sizes,
     * the same interactions, all quadratic, with the same self-interaction structure.
     */
    static boolean sameShape(Example a, Example b) {
        if (a.ftOffset != b.ftOffset || a.numIndices != b.numIndices || a.interactions != b.interactions
                || a.permutations != b.permutations) {
            return false;
        }
        for (int n = 0; n < a.numIndices; n++) {
            int ns = a.indices[n];
            if (b.indices[n] != ns || a.featureSpace[ns].size != b.featureSpace[ns].size) {
                return false;
            }
        }
        for (int[] interaction : a.interactions) {
            if (interaction.length != 2 || sizeOf(a, interaction[0]) != sizeOf(b, interaction[0])
                    || sizeOf(a, interaction[1]) != sizeOf(b, interaction[1])
                    || (a.featureSpace[interaction[0]] == a.featureSpace[interaction[1]])
                            != (b.featureSpace[interaction[0]] == b.featureSpace[interaction[1]])) {
                return false;
            }
        }
        return true;
    }

    /** The same shape ({@link #sameShape}) and, namespace by namespace, the same indices: the same weight slots. */
    static boolean sameIndices(Example a, Example b) {
        if (!sameShape(a, b)) {
            return false;
        }
        for (int n = 0; n < a.numIndices; n++) {
            Features fa = a.featureSpace[a.indices[n]];
            Features fb = b.featureSpace[a.indices[n]];
            // Shared features merged into action lines are borrowed: often the very same array.
            if (fa.indices != fb.indices && !Arrays.equals(fa.indices, 0, fa.size, fb.indices, 0, fb.size)) {
                return false;
            }
        }
        return true;
    }

    private static int sizeOf(Example ec, int ns) {
        Features fs = ec.featureSpace[ns];
        return fs == null ? 0 : fs.size;
    }

    /** Dot product with every weight shrunk toward zero by {@code gravity} first (lazy l1). */
    float truncatedDot(Example ec, float initial, float gravityAmount) {
        pass = Pass.TRUNCATED_DOT;
        acc = initial;
        gravity = gravityAmount;
        walk(ec);
        return acc;
    }

    /**
     * Hands every feature to {@code sink} in VW's order with index {@code (index ^ interaction hash) + offset}
     * (VW's foreach_feature with an index callback), for the given weight offset.
     */
    public void visit(Example ec, long weightOffset, IndexSink sink) {
        pass = Pass.VISIT;
        indexSink = sink;
        long saved = ec.ftOffset;
        ec.ftOffset = weightOffset;
        try {
            walk(ec);
        } finally {
            ec.ftOffset = saved;
        }
    }

    /** Hands every feature, with its audit name, to {@code sink} (VW's --audit and --invert_hash). */
    void audit(Example ec, AuditSink sink) {
        pass = Pass.AUDIT;
        auditSink = sink;
        walk(ec);
        auditPrefix = "";
    }

    /** Replaces {@code out}'s contents with every feature's weight slot and value, in VW's order. */
    void collect(Example ec, FeatureBuffer out) {
        pass = Pass.COLLECT;
        buffer = out;
        out.clear();
        walk(ec);
    }

    /**
     * Replaces {@code out}'s values with {@code ec}'s, keeping its slots: for an example with the same
     * indices ({@link #sameIndices}) as the one last collected into {@code out}.
     */
    void collectValues(Example ec, FeatureBuffer out) {
        pass = Pass.COLLECT_VALUES;
        buffer = out;
        out.clear();
        walk(ec);
    }

    private void walk(Example ec) {
        offset = ec.ftOffset;
        for (int n = 0; n < ec.numIndices; n++) {
            Features fs = ec.featureSpace[ec.indices[n]];
            run(fs, 0, fs.size, 0L, 1f);
        }
        interacted = 0;
        for (int[] interaction : ec.interactions) {
            if (hasEmpty(ec, interaction)) {
                continue;
            }
            switch (interaction.length) {
                case 2 -> quadratic(ec, interaction, ec.permutations);
                case 3 -> cubic(ec, interaction, ec.permutations);
                default -> generic(ec, interaction, ec.permutations);
            }
        }
    }

    private void run(Features fs, int from, int to, long xorHash, float scale) {
        interacted += to - from;
        if (pass == Pass.VISIT) {
            for (int j = from; j < to; j++) {
                indexSink.feature((fs.indices[j] ^ xorHash) + offset, scale * fs.values[j]);
            }
            return;
        }
        float[] w = weights.value;
        int shift = weights.strideShift;
        long mask = weights.mask;
        switch (pass) {
            case DOT -> acc = kernels.dot(w, shift, mask, fs.indices, fs.values, from, to, offset, xorHash, scale, acc);
            case TRUNCATED_DOT -> {
                for (int j = from; j < to; j++) {
                    float wj = w[(int) ((((fs.indices[j] ^ xorHash) + offset) & mask) >>> shift)];
                    acc += GradientDescent.truncate(wj, gravity) * (scale * fs.values[j]);
                }
            }
            case COLLECT -> buffer.addRun(fs.indices, fs.values, from, to, offset, xorHash, scale, mask);
            case COLLECT_VALUES -> buffer.addValues(fs.values, from, to, scale);
            case VISIT -> throw new IllegalStateException("handled above");
            case AUDIT -> {
                for (int j = from; j < to; j++) {
                    long slot = (((fs.indices[j] ^ xorHash) + offset) & mask) >>> shift;
                    auditSink.feature(auditPrefix + auditName(fs, j), slot, scale * fs.values[j]);
                }
            }
        }
    }

    private static String auditName(Features fs, int j) {
        return fs.auditNames == null || fs.auditNames[j] == null ? "" : fs.auditNames[j];
    }

    /** Sets the audit prefix for an interaction's inner run (no work unless auditing). */
    private void prefix(Features a, int i) {
        if (pass == Pass.AUDIT) {
            auditPrefix = auditName(a, i) + "*";
        }
    }

    private static boolean hasEmpty(Example ec, int[] interaction) {
        for (int ns : interaction) {
            if (ec.isEmptyNamespace(ns)) {
                return true;
            }
        }
        return false;
    }

    /** Features a quadratic interaction makes: each pair once when {@code triangular} (a namespace with itself). */
    private static long quadraticCount(Features first, Features second, boolean triangular) {
        long n1 = first.size;
        return triangular ? n1 * (n1 + 1) / 2 : n1 * second.size;
    }

    private void quadratic(Example ec, int[] interaction, boolean permutations) {
        Features first = ec.featureSpace[interaction[0]];
        Features second = ec.featureSpace[interaction[1]];
        boolean same = !permutations && first == second;
        if (pass == Pass.DOT) {
            acc = kernels.quadraticDot(weights.value, weights.strideShift, weights.mask, first.indices, first.values,
                    first.size, second.indices, second.values, second.size, same, offset, Namespaces.FNV_PRIME, acc);
            interacted += quadraticCount(first, second, same);
            return;
        }
        for (int i = 0; i < first.size; i++) {
            prefix(first, i);
            run(second, same ? i : 0, second.size, Namespaces.FNV_PRIME * first.indices[i], first.values[i]);
        }
    }

    private void cubic(Example ec, int[] interaction, boolean permutations) {
        Features first = ec.featureSpace[interaction[0]];
        Features second = ec.featureSpace[interaction[1]];
        Features third = ec.featureSpace[interaction[2]];
        boolean same1 = !permutations && first == second;
        boolean same2 = !permutations && second == third;
        for (int i = 0; i < first.size; i++) {
            long halfHash1 = Namespaces.FNV_PRIME * first.indices[i];
            float v1 = first.values[i];
            for (int j = same1 ? i : 0; j < second.size; j++) {
                if (pass == Pass.AUDIT) {
                    auditPrefix = auditName(first, i) + "*" + auditName(second, j) + "*";
                }
                run(third, same2 ? j : 0, third.size, Namespaces.FNV_PRIME * (halfHash1 ^ second.indices[j]),
                        v1 * second.values[j]);
            }
        }
    }

    /** Order four and up: an odometer over the namespaces, as VW's process_generic_interaction. */
    private void generic(Example ec, int[] interaction, boolean permutations) {
        int n = interaction.length;
        for (int t = 0; t < n; t++) {
            spaces[t] = ec.featureSpace[interaction[t]];
        }
        int last = n - 1;
        int cur = 0;
        cursor[0] = 0;
        while (true) {
            if (cur < last) {
                int next = cur + 1;
                boolean self = !permutations && interaction[next] == interaction[cur];
                cursor[next] = self ? cursor[cur] : 0;
                if (cur == 0) {
                    hashSoFar[next] = Namespaces.FNV_PRIME * spaces[0].indices[cursor[0]];
                    valueSoFar[next] = spaces[0].values[cursor[0]];
                } else {
                    hashSoFar[next] = Namespaces.FNV_PRIME * (hashSoFar[cur] ^ spaces[cur].indices[cursor[cur]]);
                    valueSoFar[next] = spaces[cur].values[cursor[cur]] * valueSoFar[cur];
                }
                cur = next;
            } else {
                int start = permutations ? 0 : cursor[last];
                if (pass == Pass.AUDIT) {
                    StringBuilder sb = new StringBuilder();
                    for (int t = 0; t < last; t++) {
                        sb.append(auditName(spaces[t], cursor[t])).append('*');
                    }
                    auditPrefix = sb.toString();
                }
                run(spaces[last], start, spaces[last].size, hashSoFar[last], valueSoFar[last]);
                boolean exhausted;
                do {
                    cur--;
                    cursor[cur]++;
                    exhausted = cursor[cur] == spaces[cur].size;
                } while (exhausted && cur != 0);
                if (cur == 0 && exhausted) {
                    return;
                }
            }
        }
    }
}
