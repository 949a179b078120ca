package io.warren.core.rank;

import java.util.List;

/**
 * Personalizer's multi-slot rank request: context feature objects, the candidate actions, the slots to
 * fill in order (each with its own features, exclusions and baseline), the caller's event id (null: one is
 * generated) and whether the event waits for an activation before it is learned from.
 */
public record MultiSlotRequest(List<RawJson> contextFeaturesJson, List<RankableAction> actions,
                               List<SlotRequest> slots, String eventId, boolean deferActivation) {
    public MultiSlotRequest {
        contextFeaturesJson = List.copyOf(contextFeaturesJson);
        actions = List.copyOf(actions);
        slots = List.copyOf(slots);
    }
}
