package io.warren.core.example;

/**
 * Expands an example's namespaces and interactions into {@link ExpandedFeatures}, reproducing VW's
 * interaction generation (interactions_predict.h):
 *
 * <ul>
 *   <li>quadratic {@code ab}: for each feature i of a, for each j of b: index
 *       {@code (FNV * i.index) ^ j.index}, value {@code i.value * j.value};
 *   <li>cubic {@code abc}: {@code (FNV * ((FNV * i) ^ j)) ^ k}, values multiplied;
 *   <li>higher orders chain the same way;
 *   <li>without {@code --permutations}, a namespace interacting with itself starts the inner loop at
 *       the outer position (combinations with repetition, so {@code -q aa} has n(n+1)/2 terms).
 * </ul>
 * An interaction with an empty namespace contributes nothing.
 */
public final class FeatureExpander {
    private final boolean permutations;
    private final int[] cursor = new int[16];
    private final long[] hashSoFar = new long[16];
    private final float[] valueSoFar = new float[16];

    public FeatureExpander(boolean permutations) {
        this.permutations = permutations;
    }

    public void expand(Example ec, ExpandedFeatures out) {
        out.clear();
        for (int n = 0; n < ec.numIndices; n++) {
            Features fs = ec.featureSpace[ec.indices[n]];
            out.ensure(out.size + fs.size);
            System.arraycopy(fs.indices, 0, out.index, out.size, fs.size);
            System.arraycopy(fs.values, 0, out.value, out.size, fs.size);
            out.size += fs.size;
        }
        int linear = out.size;
        for (int[] interaction : ec.interactions) {
            if (hasEmpty(ec, interaction)) {
                continue;
            }
            switch (interaction.length) {
                case 2 -> quadratic(ec.featureSpace[interaction[0]], ec.featureSpace[interaction[1]], out);
                case 3 -> cubic(ec.featureSpace[interaction[0]], ec.featureSpace[interaction[1]],
                        ec.featureSpace[interaction[2]], out);
                default -> generic(ec, interaction, out);
            }
        }
        out.interacted = out.size - linear;
        float sq = 0f;
        for (int i = linear; i < out.size; i++) {
            sq += out.value[i] * out.value[i];
        }
        out.interactedSumFeatSq = sq;
    }

    private static boolean hasEmpty(Example ec, int[] interaction) {
        for (int ns : interaction) {
            if (ec.isEmptyNamespace(ns)) {
                return true;
            }
        }
        return false;
    }

    private void quadratic(Features first, Features second, ExpandedFeatures out) {
        boolean sameNamespace = !permutations && first == second;
        for (int i = 0; i < first.size; i++) {
            long halfHash = Namespaces.FNV_PRIME * first.indices[i];
            float v = first.values[i];
            int start = sameNamespace ? i : 0;
            out.ensure(out.size + second.size - start);
            for (int j = start; j < second.size; j++) {
                out.index[out.size] = second.indices[j] ^ halfHash;
                out.value[out.size] = v * second.values[j];
                out.size++;
            }
        }
    }

    private void cubic(Features first, Features second, Features third, ExpandedFeatures out) {
        boolean same1 = !permutations && first == second;
        boolean same2 = !permutations && second == third;
        for (int i = 0; i < first.size; i++) {
            long halfHash1 = Namespaces.FNV_PRIME * first.indices[i];
            float v1 = first.values[i];
            for (int j = same1 ? i : 0; j < second.size; j++) {
                long halfHash = Namespaces.FNV_PRIME * (halfHash1 ^ second.indices[j]);
                float v = v1 * second.values[j];
                int start = same2 ? j : 0;
                out.ensure(out.size + third.size - start);
                for (int k = start; k < third.size; k++) {
                    out.index[out.size] = third.indices[k] ^ halfHash;
                    out.value[out.size] = v * third.values[k];
                    out.size++;
                }
            }
        }
    }

    /** Order 4 and up: an odometer over the namespaces, as VW's process_generic_interaction. */
    private void generic(Example ec, int[] interaction, ExpandedFeatures out) {
        int n = interaction.length;
        Features[] spaces = new Features[n];
        boolean[] selfInteraction = new boolean[n];
        for (int t = 0; t < n; t++) {
            spaces[t] = ec.featureSpace[interaction[t]];
            selfInteraction[t] = t > 0 && !permutations && interaction[t] == interaction[t - 1];
        }
        int last = n - 1;
        int cur = 0;
        cursor[0] = 0;
        while (true) {
            if (cur < last) {
                int next = cur + 1;
                cursor[next] = selfInteraction[next] ? cursor[cur] : 0;
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
                Features fs = spaces[last];
                for (int k = start; k < fs.size; k++) {
                    out.add(fs.indices[k] ^ hashSoFar[last], valueSoFar[last] * fs.values[k]);
                }
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
