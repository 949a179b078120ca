package io.warren.core.rank;

import java.util.List;

/**
 * One candidate of a rank request: its id and its feature objects, each a JSON value as the caller sent
 * it (Personalizer's {@code RankableAction}). {@code idJson}, when not null, is the id as the caller wrote
 * it, a JSON string with its quotes and without escapes: the bytes a JSON writer would write for the id,
 * copied instead of escaping the id again each time it is written.
 */
public record RankableAction(String id, List<RawJson> featuresJson, RawJson idJson) {
    public RankableAction {
        featuresJson = List.copyOf(featuresJson);
    }

    /** An action whose id is written by escaping it. */
    public RankableAction(String id, List<RawJson> featuresJson) {
        this(id, featuresJson, null);
    }

    /** Writes the id as a JSON string value. */
    public void writeId(JsonText out) {
        if (idJson != null) {
            out.raw(idJson);
        } else {
            out.string(id);
        }
    }
}
