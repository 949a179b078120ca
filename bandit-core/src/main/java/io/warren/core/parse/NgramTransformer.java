package io.warren.core.parse;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.example.Namespaces;
import java.util.List;

/**
 * VW's --ngram / --skips (kskip_ngram_transformer): appends n-grams (with up to k skipped tokens) of
 * a namespace's features to the namespace, in VW's recursive order. The n-gram index chains the
 * token indices as {@code idx * 27942141 + next}; values are 1.
 */
public final class NgramTransformer {
    private final int[] ngram = new int[Namespaces.COUNT];
    private final int[] skips = new int[Namespaces.COUNT];
    private final int[] gramMask = new int[64];
    private int maskSize;

    public NgramTransformer(List<String> ngramArgs, List<String> skipArgs) {
        compile(ngramArgs, ngram);
        compile(skipArgs, skips);
    }

    private static void compile(List<String> args, int[] dest) {
        for (String g : args) {
            if (g.isEmpty()) {
                continue;
            }
            if (Character.isDigit(g.charAt(0))) {
                java.util.Arrays.fill(dest, Integer.parseInt(g));
            } else if (g.length() == 1) {
                throw new IllegalArgumentException("--ngram/--skips: give the namespace then n, e.g. a2");
            } else {
                dest[g.charAt(0) & 0xff] = Integer.parseInt(g.substring(1));
            }
        }
    }

    public boolean active() {
        for (int n : ngram) {
            if (n > 1) {
                return true;
            }
        }
        return false;
    }

    public void apply(Example ec) {
        for (int k = 0; k < ec.numIndices; k++) {
            int index = ec.indices[k];
            Features fs = ec.featureSpace[index];
            int length = fs.size;
            for (int n = 1; n < ngram[index]; n++) {
                maskSize = 0;
                gramMask[maskSize++] = 0;
                addGrams(n, skips[index], fs, length, 0);
            }
        }
    }

    private void addGrams(int n, int skipGram, Features fs, int initialLength, int skipsSoFar) {
        if (n == 0 && gramMask[maskSize - 1] < initialLength) {
            int last = initialLength - gramMask[maskSize - 1];
            for (int i = 0; i < last; i++) {
                long newIndex = fs.indices[i];
                for (int m = 1; m < maskSize; m++) {
                    newIndex = newIndex * Namespaces.QUADRATIC_CONSTANT + fs.indices[i + gramMask[m]];
                }
                fs.push(1f, newIndex);
            }
        }
        if (n > 0) {
            gramMask[maskSize] = gramMask[maskSize - 1] + 1 + skipsSoFar;
            maskSize++;
            addGrams(n - 1, skipGram, fs, initialLength, 0);
            maskSize--;
        }
        if (skipGram > 0 && n > 0) {
            addGrams(n, skipGram - 1, fs, initialLength, skipsSoFar + 1);
        }
    }
}
