package io.warren.core.learn;

import io.warren.core.example.Example;
import io.warren.core.example.Features;

/**
 * The sum of squared values of every interacted feature, computed from per-namespace sums without
 * enumerating the terms (VW's eval_sum_ft_squared_of_generated_ft): for distinct namespaces the
 * product of their sums of squares; for a namespace repeated r times without --permutations, the
 * r-th elementary complete symmetric sum of its squared values. Only the plain --sgd update needs it.
 */
final class InteractionSquares {
    private final float[] results = new float[16];

    float sum(Example ec) {
        float total = 0f;
        for (int[] inter : ec.interactions) {
            float product = 1f;
            if (ec.permutations) {
                for (int ns : inter) {
                    product *= sumSq(ec, ns);
                }
                total += product;
                continue;
            }
            for (int t = 0; t < inter.length; t++) {
                if (t == inter.length - 1 || inter[t] != inter[t + 1]) {
                    product *= sumSq(ec, inter[t]);
                    if (product == 0f) {
                        break;
                    }
                } else {
                    int order = 2;
                    for (int e = t + 2; e < inter.length && inter[e] == inter[t]; e++) {
                        order++;
                    }
                    java.util.Arrays.fill(results, 0, order, 0f);
                    Features fs = ec.featureSpace[inter[t]];
                    for (int k = 0; fs != null && k < fs.size; k++) {
                        float x = fs.values[k] * fs.values[k];
                        results[0] += x;
                        for (int j = 1; j < order; j++) {
                            results[j] += results[j - 1] * x;
                        }
                    }
                    product *= results[order - 1];
                    if (product == 0f) {
                        break;
                    }
                    t += order - 1;
                }
            }
            total += product;
        }
        return total;
    }

    private static float sumSq(Example ec, int ns) {
        Features fs = ec.featureSpace[ns];
        return fs == null ? 0f : fs.sumFeatSq;
    }
}
