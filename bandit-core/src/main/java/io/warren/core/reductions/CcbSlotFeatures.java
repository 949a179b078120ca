package io.warren.core.reductions;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.example.Namespaces;
import io.warren.core.hash.FeatureHasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What CCB adds to the shared example while one slot is decided, and takes away afterwards: the
 * slot's features (its unnamed namespace moved to the CCB slot namespace, the constant left out),
 * and the slot-index feature {@code index<k>} hashed in namespace {@code _id} into the CCB id
 * namespace. Also VW's insert_ccb_interactions, which pairs every interaction with that namespace.
 *
 * <p>Removal follows VW step for step, including its quirk that a slot namespace stays listed
 * (empty) on the shared example when it was not the last one listed.
 */
final class CcbSlotFeatures {
    private static final String AUDIT_NAMESPACE = "_ccb_slot_index";

    private final FeatureHasher hasher;
    private final long idNamespaceHash;
    private final long parseMask;
    private final long multiplier;
    private final boolean audit;
    private long[] slotIdIndex = new long[8];

    /**
     * @param multiplier weights per feature times the stride, as the parser scales indices
     */
    CcbSlotFeatures(FeatureHasher hasher, long hashSeed, int bits, long multiplier, boolean audit) {
        this.hasher = hasher;
        this.idNamespaceHash = hasher.hash(bytes("_id"), 0, 3, hashSeed & 0xffffffffL);
        this.parseMask = (1L << bits) - 1;
        this.multiplier = multiplier;
        this.audit = audit;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static int target(int ns) {
        return ns == Namespaces.DEFAULT ? Namespaces.CCB_SLOT : ns;
    }

    void inject(Example shared, Example slot) {
        for (int i = 0; i < slot.numIndices; i++) {
            int ns = slot.indices[i];
            if (ns != Namespaces.CONSTANT) {
                shared.appendNamespace(target(ns), slot.featureSpace[ns]);
            }
        }
    }

    void remove(Example shared, Example slot) {
        for (int i = 0; i < slot.numIndices; i++) {
            int ns = slot.indices[i];
            if (ns != Namespaces.CONSTANT) {
                shared.truncateNamespace(target(ns), slot.featureSpace[ns]);
            }
        }
    }

    /** Adds slot {@code id}'s index feature; VW counts it in the shared example only for slot 0. */
    void injectSlotId(Example shared, int id) {
        Features fs = shared.features(Namespaces.CCB_ID);
        if (audit) {
            fs.enableAudit();
            fs.push(1f, slotIdIndex(id), AUDIT_NAMESPACE + "^index" + id);
        } else {
            fs.push(1f, slotIdIndex(id));
        }
        shared.addIndex(Namespaces.CCB_ID);
        if (id == 0) {
            shared.numFeatures++;
        }
    }

    void removeSlotId(Example shared) {
        shared.featureSpace[Namespaces.CCB_ID].clear();
        shared.removeLastIndex();
    }

    private long slotIdIndex(int id) {
        if (id >= slotIdIndex.length) {
            slotIdIndex = Arrays.copyOf(slotIdIndex, Math.max(id + 1, slotIdIndex.length * 2));
        }
        if (slotIdIndex[id] == 0) {
            byte[] name = bytes("index" + id);
            slotIdIndex[id] = (hasher.hash(name, 0, name.length, idNamespaceHash) & parseMask) * multiplier;
        }
        return slotIdIndex[id];
    }

    /**
     * VW's insert_ccb_interactions: the interactions, then each one with the CCB id namespace
     * appended followed by itself again, then {@code :} with the CCB id namespace.
     */
    static int[][] withSlotIndex(int[][] interactions) {
        List<int[]> out = new ArrayList<>(Arrays.asList(interactions));
        for (int[] inter : interactions) {
            int[] withId = Arrays.copyOf(inter, inter.length + 1);
            withId[inter.length] = Namespaces.CCB_ID;
            out.add(withId);
            out.add(inter);
        }
        out.add(new int[] {Namespaces.WILDCARD, Namespaces.CCB_ID});
        return out.toArray(new int[0][]);
    }
}
