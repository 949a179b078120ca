package io.warren.core.learn;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.example.Namespaces;
import java.util.Arrays;
import java.util.List;

/**
 * The examples of a batch that have exactly the same feature indices as a leader (cb_adf action lines
 * whose features share names and differ in values, the shared features merged into each), with their
 * values transposed into lanes: feature j of namespace n sits for lane k at
 * {@code values[start[n] + j * stride + k]}. The lane kernels then load each weight once for all of them.
 */
final class FeatureLanes {
    /**
     * Fewer matching examples than this are scored in pairs. Below a full 512-bit vector the lanes gain
     * little once compiled, and a short run loses more before C2 compiles the vector kernels (their
     * interpreted and C1 forms are about 30x slower): K=10 `warren train` runs took 7-15% longer with
     * lanes, K=50 runs 12% less (ops/bench/README.md).
     */
    static final int MIN_LANES = 16;
    /** Leaders tried per batch before the rest goes to pairs (each failed try costs a scan of the batch). */
    private static final int MAX_LEADERS = 2;

    private final int alignment;
    private final int[] seenStamp = new int[Namespaces.COUNT];
    private int stamp;
    private Example[] members = new Example[16];
    private boolean[] taken = new boolean[16];
    int count;
    int stride;
    float[] values = new float[4096];
    final int[] start = new int[Namespaces.COUNT];
    float[] acc = new float[16];

    FeatureLanes(int alignment) {
        this.alignment = alignment;
    }

    Example leader() {
        return members[0];
    }

    Example member(int lane) {
        return members[lane];
    }

    /** Whether {@code batch.get(i)} was put in the lanes by the last {@link #collect}. */
    boolean taken(int i) {
        return taken[i];
    }

    /**
     * Fills the lanes with the examples sharing the first leader's indices (the second leader's when the
     * first has fewer than {@link #MIN_LANES} matches), every lane's accumulator at its example's initial
     * prediction; returns the lane count, 0 when neither group was big enough (then nothing is taken).
     */
    int collect(List<Example> batch) {
        int n = batch.size();
        if (taken.length < n) {
            taken = new boolean[n];
            members = new Example[n];
        }
        Arrays.fill(taken, 0, n, false);
        count = 0;
        for (int tries = 0, lead = 0; tries < MAX_LEADERS && n - lead >= MIN_LANES; tries++, lead++) {
            Example leader = batch.get(lead);
            if (!canLead(leader)) {
                continue;
            }
            int found = 0;
            for (int i = lead; i < n; i++) {
                if (i == lead || FeatureWalker.sameIndices(leader, batch.get(i))) {
                    members[found++] = batch.get(i);
                    taken[i] = true;
                }
            }
            if (found >= MIN_LANES) {
                count = found;
                transpose();
                return count;
            }
            Arrays.fill(taken, 0, n, false);
        }
        return 0;
    }

    /**
     * Every interaction over namespaces that are either empty or listed in the example's indices, so the
     * transposed values hold all it reads (interactions other than quadratic ones fail {@link #sameIndices}).
     */
    private boolean canLead(Example ec) {
        stamp++;
        for (int n = 0; n < ec.numIndices; n++) {
            seenStamp[ec.indices[n]] = stamp;
        }
        for (int[] interaction : ec.interactions) {
            for (int ns : interaction) {
                if (!ec.isEmptyNamespace(ns) && seenStamp[ns] != stamp) {
                    return false;
                }
            }
        }
        return true;
    }

    private void transpose() {
        Example leader = members[0];
        stride = (count + alignment - 1) / alignment * alignment;
        int total = 0;
        for (int n = 0; n < leader.numIndices; n++) {
            total += leader.featureSpace[leader.indices[n]].size * stride;
        }
        if (values.length < total) {
            values = new float[Math.max(total, values.length * 2)];
        }
        if (acc.length < stride) {
            acc = new float[stride];
        }
        int pos = 0;
        for (int n = 0; n < leader.numIndices; n++) {
            int ns = leader.indices[n];
            int size = leader.featureSpace[ns].size;
            start[ns] = pos;
            for (int k = 0; k < count; k++) {
                float[] v = members[k].featureSpace[ns].values;
                for (int j = 0; j < size; j++) {
                    values[pos + j * stride + k] = v[j];
                }
            }
            if (stride > count) {
                for (int j = 0; j < size; j++) {
                    Arrays.fill(values, pos + j * stride + count, pos + (j + 1) * stride, 0f);
                }
            }
            pos += size * stride;
        }
        for (int k = 0; k < count; k++) {
            acc[k] = members[k].initial;
        }
        Arrays.fill(acc, count, stride, 0f);
    }
}
