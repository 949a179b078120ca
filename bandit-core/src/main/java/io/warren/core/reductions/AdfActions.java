package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The K action examples VW builds from one single-line example (cbify_adf_data): each is a copy of
 * the line's features whose indices are moved into an action-specific block. The low bits of every
 * index, up to the smallest power of two covering {@code K * featureWidthBelow}, are cleared and
 * {@code a * featureWidthBelow} is added for action {@code a}, then the index is masked to the weight
 * table. So features of different actions land in different weights, and the action occupies the
 * position a (wider) stack below would use for its own model slots, exactly as VW lays it out.
 *
 * <p>The examples are allocated once and refilled for every line.
 */
public final class AdfActions {
    private final List<Example> examples;
    private final List<Example> view;
    private final long featureWidthBelow;
    private final long customIndexMask;
    private final long weightMask;

    /**
     * @param featureWidthBelow weight positions spanned by one feature in the stack below (stride
     *                          times the models of every layer), VW's feature_width_below
     * @param weightMask        the weight table's index mask
     */
    public AdfActions(int numActions, long featureWidthBelow, long weightMask) {
        if (numActions <= 0) {
            throw new IllegalArgumentException("cb num actions must be positive");
        }
        this.examples = new ArrayList<>(numActions);
        for (int a = 0; a < numActions; a++) {
            examples.add(new Example());
        }
        this.view = Collections.unmodifiableList(examples);
        this.featureWidthBelow = featureWidthBelow;
        this.customIndexMask = customIndexMask(numActions, featureWidthBelow);
        this.weightMask = weightMask;
    }

    /** All ones up to and including the highest set bit of {@code numActions * featureWidthBelow}. */
    static long customIndexMask(int numActions, long featureWidthBelow) {
        long total = numActions * featureWidthBelow;
        int bits = 64 - Long.numberOfLeadingZeros(total);
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }

    public int size() {
        return examples.size();
    }

    /** The action examples, in action order (the list itself cannot be changed). */
    public List<Example> examples() {
        return view;
    }

    public Example get(int action) {
        return examples.get(action);
    }

    /** Where feature index {@code index} of the line goes for action {@code action}. */
    public long actionIndex(long index, int action) {
        long raw = index - (index & customIndexMask);
        raw += action * featureWidthBelow;
        return raw & weightMask;
    }

    /** Refills every action example from {@code line} (VW's copy_example_to_adf); labels start empty. */
    public void copyFrom(Example line) {
        for (int a = 0, n = examples.size(); a < n; a++) {
            Example eca = examples.get(a);
            eca.reset();
            eca.setTag(line.tag, 0, line.tagLength);
            eca.exampleCounter = line.exampleCounter;
            eca.ftOffset = line.ftOffset;
            eca.partialPrediction = line.partialPrediction;
            eca.weight = line.weight;
            eca.testOnly = line.testOnly;
            eca.isNewline = line.isNewline;
            for (int i = 0; i < line.numIndices; i++) {
                int ns = line.indices[i];
                Features src = line.featureSpace[ns];
                Features dst = eca.features(ns);
                if (src.auditNames != null) {
                    dst.enableAudit();
                }
                dst.copyFrom(src);
                long[] idx = dst.indices;
                for (int j = 0; j < dst.size; j++) {
                    idx[j] = actionIndex(idx[j], a);
                }
                eca.addIndex(ns);
            }
            eca.numFeatures = line.numFeatures;
            eca.interactions = line.interactions;
            eca.permutations = line.permutations;
            if (eca.isNewline && eca.cb.isTest()) {
                // VW tags an otherwise empty action example so it is not taken for an end-of-example line.
                eca.setTag(appendN(eca), 0, eca.tagLength + 1);
            }
        }
    }

    private static byte[] appendN(Example ec) {
        byte[] tag = java.util.Arrays.copyOf(ec.tag, ec.tagLength + 1);
        tag[ec.tagLength] = 'n';
        return tag;
    }
}
