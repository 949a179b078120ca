package io.warren.core.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The non-weight state of a learner stack, as named values: counters of the run (VW's save_resume
 * data), per-model normalizer sums, reduction counters. Each reduction writes and reads its own keys;
 * {@link ModelFile} stores them in the header of Warren's model format.
 */
public final class ModelState {
    private final Map<String, String> values = new LinkedHashMap<>();

    public void putLong(String key, long v) {
        values.put(key, Long.toString(v));
    }

    public void putDouble(String key, double v) {
        values.put(key, Long.toHexString(Double.doubleToRawLongBits(v)));
    }

    public void putString(String key, String v) {
        values.put(key, v);
    }

    public long getLong(String key, long fallback) {
        String v = values.get(key);
        return v == null ? fallback : Long.parseLong(v);
    }

    public double getDouble(String key, double fallback) {
        String v = values.get(key);
        return v == null ? fallback : Double.longBitsToDouble(Long.parseUnsignedLong(v, 16));
    }

    public String getString(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
