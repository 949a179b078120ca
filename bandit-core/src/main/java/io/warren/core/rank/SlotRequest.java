package io.warren.core.rank;

import java.util.List;

/**
 * One slot of a multi-slot rank request: its id, its feature objects (JSON text as sent), the actions it
 * may not show, and the action the product would show there without Warren (its baseline).
 */
public record SlotRequest(String id, List<RawJson> featuresJson, List<String> excludedActions, String baselineAction) {
    public SlotRequest {
        featuresJson = List.copyOf(featuresJson);
        excludedActions = List.copyOf(excludedActions);
    }
}
