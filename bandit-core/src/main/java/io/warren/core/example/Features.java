package io.warren.core.example;

import java.util.Arrays;

/**
 * The features of one namespace of one example: parallel arrays of values and hashed indices, in
 * insertion order, plus the running sum of squared values (VW keeps it in float, so do we). Arrays
 * grow on demand and are reused across examples: {@link #clear()} keeps capacity.
 *
 * <p>Audit names are kept only when auditing is on ({@link #auditNames} non-null); the string is
 * VW's audit form {@code namespace^name} or {@code namespace^name=value}.
 */
public final class Features {
    public float[] values = new float[8];
    public long[] indices = new long[8];
    public int size;
    public float sumFeatSq;
    public String[] auditNames;

    public void clear() {
        size = 0;
        sumFeatSq = 0f;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void push(float value, long index) {
        ensureCapacity(size + 1);
        values[size] = value;
        indices[size] = index;
        size++;
        sumFeatSq += value * value;
    }

    public void push(float value, long index, String auditName) {
        push(value, index);
        if (auditNames != null) {
            auditNames[size - 1] = auditName;
        }
    }

    public void enableAudit() {
        if (auditNames == null) {
            auditNames = new String[values.length];
        }
    }

    /** Appends all of {@code other}'s features (VW's {@code features::concat}). */
    public void concat(Features other) {
        if (other.auditNames != null) {
            enableAudit();
        }
        ensureCapacity(size + other.size);
        System.arraycopy(other.values, 0, values, size, other.size);
        System.arraycopy(other.indices, 0, indices, size, other.size);
        if (auditNames != null && other.auditNames != null) {
            System.arraycopy(other.auditNames, 0, auditNames, size, other.size);
        }
        size += other.size;
        sumFeatSq += other.sumFeatSq;
    }

    /** Drops the last features down to {@code newSize}, subtracting their known squared sum (VW's truncate_to). */
    public void truncateTo(int newSize, float removedSumFeatSq) {
        size = newSize;
        sumFeatSq -= removedSumFeatSq;
    }

    public void copyFrom(Features other) {
        clear();
        concat(other);
        sumFeatSq = other.sumFeatSq;
    }

    private void ensureCapacity(int needed) {
        if (needed > values.length) {
            int capacity = Math.max(needed, values.length * 2);
            values = Arrays.copyOf(values, capacity);
            indices = Arrays.copyOf(indices, capacity);
            if (auditNames != null) {
                auditNames = Arrays.copyOf(auditNames, capacity);
            }
        }
    }
}
