package io.warren.core.example;

import java.util.List;

/**
 * Reads the start of every namespace's feature arrays of a sequence of examples in one tight loop, before
 * the walk over them. A new event's examples are not in this core's cache (the parser thread wrote them),
 * and the walk reaches each array through a chain of dependent loads (example, namespace table,
 * {@code Features}, array), so its misses come one after another. Here the chains of all the examples
 * are independent, and the CPU overlaps their misses. LearnStepBench measured the learner's time per
 * event at 2.5x with events that had fallen out of cache. With this pass, K=10 mtr whole runs took 8%
 * less time (ops/bench/README.md).
 */
public final class Prefetch {
    private Prefetch() {}

    /**
     * Touches the examples' features; returns a value made of what it read, which the caller must keep
     * (in a field) so that the JIT does not drop the reads.
     */
    public static int touch(List<Example> examples) {
        int read = 0;
        for (int i = 0, n = examples.size(); i < n; i++) {
            Example ec = examples.get(i);
            int[] indices = ec.indices;
            Features[] spaces = ec.featureSpace;
            for (int k = 0, m = ec.numIndices; k < m; k++) {
                Features fs = spaces[indices[k]];
                int size = fs.size;
                if (size > 0) {
                    read += (int) fs.indices[0] + Float.floatToRawIntBits(fs.values[0]);
                    // A long[] of more than 8 features spans a second cache line.
                    if (size > 8) {
                        read += (int) fs.indices[8];
                    }
                }
            }
        }
        return read;
    }
}
