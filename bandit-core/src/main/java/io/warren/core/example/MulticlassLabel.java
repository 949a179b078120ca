package io.warren.core.example;

/**
 * A multiclass label (VW's multiclass_label): a class number and an importance weight. The class is
 * kept as VW's unsigned 32-bit value in an int; {@link #NONE} (all bits set, VW's {@code uint32_t(-1)})
 * means the line carries no label.
 */
public final class MulticlassLabel {
    public static final int NONE = -1;

    public int label = NONE;
    public float weight = 1f;

    public void clear() {
        label = NONE;
        weight = 1f;
    }

    public boolean isLabeled() {
        return label != NONE;
    }

    /** The label as VW's progress table shows it: the number, or "unknown" from INT_MAX up. */
    public String display() {
        return Integer.compareUnsigned(label, Integer.MAX_VALUE) < 0 ? Integer.toUnsignedString(label) : "unknown";
    }
}
