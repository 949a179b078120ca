package io.warren.core.rank;

import java.util.List;

/**
 * One candidate of a rank request: its id and its feature objects, each a JSON value as the caller sent
 * it (Personalizer's {@code RankableAction}).
 */
public record RankableAction(String id, List<RawJson> featuresJson) {
    public RankableAction {
        featuresJson = List.copyOf(featuresJson);
    }
}
