package io.warren.core.learn;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Random examples over the namespaces a, s and b for the batch tests of gd: fresh ones, and twins of a
 * template with the same indices (cb_adf action lines whose features share names).
 */
final class RandomExamples {
    static final int[] NAMESPACES = {'a', 's', 'b'};
    /** None, one quadratic, several with a self-interaction, and one with a cubic. */
    static final int[][][] INTERACTION_SETS = {
        {},
        {{'s', 'a'}},
        {{'s', 'a'}, {'a', 'a'}, {'b', 's'}},
        {{'s', 'a'}, {'s', 'a', 'b'}},
    };

    private final SplittableRandom random;
    private final int maxNamespaceSize;
    private final DoubleSupplier values;

    /**
     * @param maxNamespaceSize the most features a namespace gets (a quarter of namespaces get none)
     * @param values           where feature values come from
     */
    RandomExamples(SplittableRandom random, int maxNamespaceSize, DoubleSupplier values) {
        this.random = random;
        this.maxNamespaceSize = maxNamespaceSize;
        this.values = values;
    }

    /** Features per namespace of {@link #NAMESPACES}. */
    int[] sizes() {
        int[] sizes = new int[NAMESPACES.length];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(maxNamespaceSize);
        }
        return sizes;
    }

    int[][] interactions() {
        return INTERACTION_SETS[random.nextInt(INTERACTION_SETS.length)];
    }

    /** An example with random indices (slots are multiples of the stride 4) and values. */
    Example example(int[] sizes, int[][] interactions, boolean permutations, long offset) {
        Example ec = new Example();
        for (int n = 0; n < NAMESPACES.length; n++) {
            if (sizes[n] == 0) {
                continue;
            }
            ec.addIndex(NAMESPACES[n]);
            for (int j = 0; j < sizes[n]; j++) {
                ec.features(NAMESPACES[n]).push((float) values.getAsDouble(), (random.nextLong() & 0xffffffffL) << 2);
            }
        }
        ec.interactions = interactions;
        ec.permutations = permutations;
        ec.ftOffset = offset;
        return ec;
    }

    /**
     * An example with {@code template}'s namespaces, indices, interactions and offset, and fresh values or
     * the template's own.
     */
    Example twin(Example template, boolean freshValues) {
        Example ec = new Example();
        for (int n = 0; n < template.numIndices; n++) {
            int ns = template.indices[n];
            ec.addIndex(ns);
            Features from = template.featureSpace[ns];
            for (int j = 0; j < from.size; j++) {
                ec.features(ns).push(freshValues ? (float) values.getAsDouble() : from.values[j], from.indices[j]);
            }
        }
        ec.interactions = template.interactions;
        ec.permutations = template.permutations;
        ec.ftOffset = template.ftOffset;
        return ec;
    }
}
