package io.warren.core.example;

/**
 * One line of VW input after parsing: its namespaces of hashed features, its labels and the
 * prediction slots the reductions fill. Mirrors VW's example closely because reductions pass it up
 * and down the stack and restore what they change (offsets, weights, labels).
 *
 * <p>Instances are pooled by the reader and reused; every array inside grows and is kept.
 */
public final class Example {
    /** Features per namespace index 0..255; allocated on first use. */
    public final Features[] featureSpace = new Features[Namespaces.COUNT];
    /** Namespaces present, in the order they appeared (VW's {@code indices}). */
    public int[] indices = new int[8];
    public int numIndices;

    public final CbLabel cb = new CbLabel();
    /** Multiclass label, read when the stack's input label type is MULTICLASS (cbify). */
    public final MulticlassLabel multi = new MulticlassLabel();
    /** The CCB label under --ccb_explore_adf; the CCB reduction writes {@link #cb} for the layers below. */
    public final CcbLabel ccb = new CcbLabel();

    /** Cost-sensitive label seen by csoaa_ldf: one class with its cost (VW's cs_label with one cs_class). */
    public float csCost;
    public int csClass;
    public float csPartialPrediction;
    public float csWapValue;

    /** Simple (regression) label and initial prediction seen by scorer and gd; NO_LABEL = none. */
    public static final float NO_LABEL = Float.MAX_VALUE;
    public float simpleLabel = NO_LABEL;
    public float initial;

    public float weight = 1f;
    public long ftOffset;
    public float partialPrediction;
    public float predScalar;
    public int predMulticlass;
    public float updatedPrediction;
    public ActionScores predActionScores = new ActionScores();

    public long numFeatures;
    /** Interacted features counted by the last prediction (VW reports them with the features). */
    public long numFeaturesFromInteractions;
    public byte[] tag = new byte[0];
    public int tagLength;
    public boolean isNewline;
    public boolean testOnly;
    public long exampleCounter;
    /** Interactions in force for this example (each an array of namespace indices). */
    public int[][] interactions = NO_INTERACTIONS;

    public static final int[][] NO_INTERACTIONS = new int[0][];

    /** Use permutations rather than combinations for self-interactions (VW's --permutations). */
    public boolean permutations;

    public Features features(int ns) {
        Features fs = featureSpace[ns];
        if (fs == null) {
            fs = new Features();
            featureSpace[ns] = fs;
        }
        return fs;
    }

    public boolean hasNamespace(int ns) {
        for (int i = 0; i < numIndices; i++) {
            if (indices[i] == ns) {
                return true;
            }
        }
        return false;
    }

    public void addIndex(int ns) {
        if (numIndices == indices.length) {
            indices = java.util.Arrays.copyOf(indices, numIndices * 2);
        }
        indices[numIndices++] = ns;
    }

    public void removeLastIndex() {
        numIndices--;
    }

    public boolean isEmptyNamespace(int ns) {
        Features fs = featureSpace[ns];
        return fs == null || fs.size == 0;
    }

    /** Sum of squared feature values over the namespaces (not interactions). */
    public float linearSumFeatSq() {
        float sum = 0f;
        for (int i = 0; i < numIndices; i++) {
            sum += featureSpace[indices[i]].sumFeatSq;
        }
        return sum;
    }

    public void setTag(byte[] source, int from, int length) {
        if (tag.length < length) {
            tag = new byte[length];
        }
        System.arraycopy(source, from, tag, 0, length);
        tagLength = length;
    }

    public String tagString() {
        return new String(tag, 0, tagLength, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Resets everything for reuse by the reader. */
    public void reset() {
        for (int i = 0; i < numIndices; i++) {
            featureSpace[indices[i]].clear();
        }
        numIndices = 0;
        cb.clear();
        multi.clear();
        ccb.clear();
        simpleLabel = NO_LABEL;
        initial = 0f;
        weight = 1f;
        ftOffset = 0;
        partialPrediction = 0f;
        predScalar = 0f;
        predMulticlass = 0;
        predActionScores.clear();
        numFeatures = 0;
        numFeaturesFromInteractions = 0;
        tagLength = 0;
        isNewline = false;
        testOnly = false;
        interactions = NO_INTERACTIONS;
    }

    /**
     * Makes this (reset) example what a parser made of {@code parsed}: its namespaces with their features,
     * tag, CB label and weight. For reusing a parse; nothing that the stack sets up or predicts is copied.
     */
    public void copyParsed(Example parsed) {
        for (int i = 0; i < parsed.numIndices; i++) {
            int ns = parsed.indices[i];
            addIndex(ns);
            features(ns).copyFrom(parsed.featureSpace[ns]);
        }
        setTag(parsed.tag, 0, parsed.tagLength);
        cb.copyFrom(parsed.cb);
        weight = parsed.weight;
    }

    /** VW's append_example_namespace: adds {@code fs}'s features to namespace {@code ns}. */
    public void appendNamespace(int ns, Features fs) {
        if (!hasNamespace(ns)) {
            addIndex(ns);
        }
        features(ns).concat(fs);
        numFeatures += fs.size;
    }

    /** VW's truncate_example_namespace: undoes {@link #appendNamespace} of {@code fs}. */
    public void truncateNamespace(int ns, Features fs) {
        Features target = featureSpace[ns];
        if (numIndices > 0 && indices[numIndices - 1] == ns && target.size == fs.size) {
            numIndices--;
        }
        numFeatures -= fs.size;
        target.truncateTo(target.size - fs.size, fs.sumFeatSq);
    }

    /**
     * Adds every non-constant namespace of {@code source} (the shared example) to this one, as VW's
     * shared_feature_merger does. A namespace this example lacks is not copied but borrowed: the slot
     * points at the shared example's features until {@link #truncateNamespacesFrom} puts the example's
     * own (empty) features back. The result reads exactly like VW's concatenation.
     */
    public void appendNamespacesFrom(Example source) {
        for (int i = 0; i < source.numIndices; i++) {
            int ns = source.indices[i];
            if (ns == Namespaces.CONSTANT) {
                continue;
            }
            Features shared = source.featureSpace[ns];
            if (hasNamespace(ns)) {
                appendNamespace(ns, shared);
            } else {
                borrow(ns, shared);
            }
        }
    }

    public void truncateNamespacesFrom(Example source) {
        for (int i = source.numIndices - 1; i >= 0; i--) {
            int ns = source.indices[i];
            if (ns == Namespaces.CONSTANT) {
                continue;
            }
            if (borrowedCount > 0 && borrowed[borrowedCount - 1] == ns) {
                giveBack();
            } else {
                truncateNamespace(ns, source.featureSpace[ns]);
            }
        }
    }

    private int[] borrowed = new int[4];
    private Features[] ownFeatures = new Features[4];
    private int borrowedCount;

    private void borrow(int ns, Features shared) {
        if (borrowedCount == borrowed.length) {
            borrowed = java.util.Arrays.copyOf(borrowed, borrowedCount * 2);
            ownFeatures = java.util.Arrays.copyOf(ownFeatures, borrowedCount * 2);
        }
        borrowed[borrowedCount] = ns;
        ownFeatures[borrowedCount] = featureSpace[ns];
        borrowedCount++;
        featureSpace[ns] = shared;
        addIndex(ns);
        numFeatures += shared.size;
    }

    private void giveBack() {
        borrowedCount--;
        int ns = borrowed[borrowedCount];
        numFeatures -= featureSpace[ns].size;
        featureSpace[ns] = ownFeatures[borrowedCount];
        ownFeatures[borrowedCount] = null;
        numIndices--;
    }

    /** VW's get_num_features: the example's own features plus those its last prediction interacted. */
    public long totalFeatures() {
        return numFeatures + numFeaturesFromInteractions;
    }

    public long constantNamespaceSize() {
        Features fs = featureSpace[Namespaces.CONSTANT];
        return fs == null ? 0 : fs.size;
    }
}
