package io.warren.core.rank;

import java.util.List;

/**
 * Writes a rank request as VW decision-service JSON, laid out as Personalizer laid out its logged events
 * (and as its SDKs' local-inference mode builds the context): the context feature objects under
 * {@code FromUrl}, and one {@code _multi} entry per rankable action with its id as {@code _tag}, an
 * {@code i} namespace {@code {"constant": 1, "id": <id>}} and its feature objects under {@code j}.
 *
 * <p>The API scores exactly the features VW's JSON reader makes of this context, and logs the same
 * context in the decision, so {@code warren train --dsjson} (or {@code vw --dsjson}) on the logged events
 * learns the model the API would have.
 */
public final class DecisionJson {
    private DecisionJson() {}

    /**
     * Writes the context object ({@code c}) with the request's actions {@code rankable[0, count)}, in that
     * order, into {@code out} (after resetting it), for VW's JSON reader.
     */
    public static void context(RankRequest request, int[] rankable, int count, JsonText out) {
        out.reset();
        writeContext(out, request, rankable, count);
    }

    /**
     * The whole decision line: event id, timestamp, the ranked actions ({@code a}, 1-based positions in
     * {@code _multi}, the chosen one first) with their probabilities ({@code p}), the context, the model
     * version that decided, whether activation is deferred, and Warren's learning mode and loop. As UTF-8:
     * the log stores bytes, and a String on the way would be two more copies of the line's largest part.
     */
    public static byte[] decision(Ranking ranking, RankRequest request, String timestamp, String learningMode,
                                  String loop) {
        return JsonText.bytes(out -> {
            out.startObject();
            out.field("EventId", ranking.eventId());
            out.field("Timestamp", timestamp);
            out.field("Version", "1");
            out.name("a").startArray();
            for (int position : ranking.order()) {
                out.number(position + 1);
            }
            out.endArray();
            out.name("p").startArray();
            for (float p : ranking.probabilities()) {
                out.number(p);
            }
            out.endArray();
            writeContext(out.name("c"), request, ranking.rankable(), ranking.rankable().length);
            writeTrailer(out, ranking.modelVersion(), request.deferActivation(), learningMode, loop);
            out.endObject();
        });
    }

    /** The context object: {@code FromUrl} and {@code _multi} with actions {@code rankable[0, count)}. */
    private static void writeContext(JsonText out, RankRequest request, int[] rankable, int count) {
        out.startObject();
        writeContextAndActions(out, request.contextFeaturesJson(), request.actions(), rankable, count);
        out.endObject();
    }

    /** {@code FromUrl} with the context's feature objects, then {@code _multi} with actions {@code rankable[0, count)}. */
    private static void writeContextAndActions(JsonText out, List<RawJson> context, List<RankableAction> actions,
                                               int[] rankable, int count) {
        out.name("FromUrl").startArray();
        writeRaw(out, context);
        out.endArray();
        out.name("_multi").startArray();
        for (int k = 0; k < count; k++) {
            RankableAction action = actions.get(rankable[k]);
            out.startObject();
            action.writeId(out.name("_tag"));
            action.writeId(out.name("i").startObject().field("constant", 1).name("id"));
            out.endObject();
            out.name("j").startArray();
            writeRaw(out, action.featuresJson());
            out.endArray();
            out.endObject();
        }
        out.endArray();
    }

    /**
     * The context object of a multi-slot request: as for one slot, with every action under {@code _multi},
     * then {@code _slots}: per slot its {@code _id}, the positions of the actions it may show ({@code _inc},
     * only when it excludes some) and its feature objects under {@code sj}, as Personalizer logged them.
     */
    public static String multiSlotContext(MultiSlotRequest request, boolean[][] included) {
        return JsonText.string(out -> writeMultiSlotContext(out, request, included));
    }

    /**
     * The whole multi-slot decision line: as for one slot, but with each slot's ranking under
     * {@code _outcomes} ({@code _id}, {@code _a}: positions in {@code _multi} from 0, the shown one first,
     * {@code _p}: their probabilities) and each slot's baseline position under {@code _ba}, the layout
     * VW's CCB decision-service reader takes once the join adds the costs. As UTF-8, like {@link #decision}.
     */
    public static byte[] multiSlotDecision(SlotRanking ranking, MultiSlotRequest request, String timestamp,
                                           String learningMode, String loop) {
        boolean[][] included = ranking.included();
        return JsonText.bytes(out -> {
            out.startObject();
            out.field("EventId", ranking.eventId());
            out.field("Timestamp", timestamp);
            out.field("Version", "1");
            out.name("c");
            writeMultiSlotContext(out, request, included);
            out.name("_outcomes").startArray();
            for (int s = 0; s < request.slots().size(); s++) {
                out.startObject();
                out.field("_id", request.slots().get(s).id());
                out.name("_a").startArray();
                for (int a : ranking.actions()[s]) {
                    out.number(a);
                }
                out.endArray();
                out.name("_p").startArray();
                for (float p : ranking.probabilities()[s]) {
                    out.number(p);
                }
                out.endArray();
                out.endObject();
            }
            out.endArray();
            out.name("_ba").startArray();
            for (int baseline : ranking.baselines()) {
                out.number(baseline);
            }
            out.endArray();
            writeTrailer(out, ranking.modelVersion(), request.deferActivation(), learningMode, loop);
            out.endObject();
        });
    }

    private static void writeMultiSlotContext(JsonText out, MultiSlotRequest request, boolean[][] included) {
        int[] all = new int[request.actions().size()];
        for (int a = 0; a < all.length; a++) {
            all[a] = a;
        }
        out.startObject();
        writeContextAndActions(out, request.contextFeaturesJson(), request.actions(), all, all.length);
        out.name("_slots").startArray();
        for (int s = 0; s < request.slots().size(); s++) {
            SlotRequest slot = request.slots().get(s);
            out.startObject();
            out.field("_id", slot.id());
            if (!slot.excludedActions().isEmpty()) {
                out.name("_inc").startArray();
                for (int a = 0; a < all.length; a++) {
                    if (included[s][a]) {
                        out.number(a);
                    }
                }
                out.endArray();
            }
            out.name("sj").startArray();
            writeRaw(out, slot.featuresJson());
            out.endArray();
            out.endObject();
        }
        out.endArray();
        out.endObject();
    }

    /** The decision's closing fields: model version, deferred activation, learning mode and loop. */
    private static void writeTrailer(JsonText out, String modelVersion, boolean deferred, String learningMode,
                                     String loop) {
        out.name("VWState").startObject().field("m", modelVersion).endObject();
        out.field("DeferredAction", deferred);
        out.field("_learningMode", learningMode);
        out.field("_loop", loop);
    }

    private static void writeRaw(JsonText out, List<RawJson> values) {
        for (RawJson value : values) {
            out.raw(value);
        }
    }
}
