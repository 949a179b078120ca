package io.warren.core.rank;

import java.util.List;

/**
 * Personalizer's rank request: context feature objects (JSON values as sent), the candidate actions,
 * the ids of actions not to rank, the caller's event id (null: one is generated) and whether the event
 * waits for an activation before it is learned from.
 */
public record RankRequest(List<RawJson> contextFeaturesJson, List<RankableAction> actions, List<String> excludedActions,
                          String eventId, boolean deferActivation) {
    public RankRequest {
        contextFeaturesJson = List.copyOf(contextFeaturesJson);
        actions = List.copyOf(actions);
        excludedActions = List.copyOf(excludedActions);
    }
}
