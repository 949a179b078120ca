package io.warren.core.rank;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    private static final JsonFactory JSON = new JsonFactory();

    private DecisionJson() {}

    /** A byte buffer that is reused: the bytes written since the last {@link #reset()} are {@code buf[0, count)}. */
    public static final class Bytes extends ByteArrayOutputStream {
        public byte[] array() {
            return buf;
        }

        public int length() {
            return count;
        }
    }

    /**
     * Writes the context object ({@code c}) with the request's actions {@code rankable[0, count)}, in that
     * order, as UTF-8 into {@code out} (after resetting it), for VW's JSON reader.
     */
    public static void context(RankRequest request, int[] rankable, int count, Bytes out) {
        out.reset();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            writeContextAndActions(g, request.contextFeaturesJson(), request.actions(), rankable, count);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The whole decision line: event id, timestamp, the ranked actions ({@code a}, 1-based positions in
     * {@code _multi}, the chosen one first) with their probabilities ({@code p}), the context, the model
     * version that decided, whether activation is deferred, and Warren's learning mode and loop. As UTF-8:
     * the log stores bytes, and a String on the way would be two more copies of the line's largest part.
     */
    public static byte[] decision(Ranking ranking, RankRequest request, String timestamp, String learningMode,
                                  String loop) {
        return JsonText.bytes((text, g) -> {
            g.writeStartObject();
            g.writeStringField("EventId", ranking.eventId());
            g.writeStringField("Timestamp", timestamp);
            g.writeStringField("Version", "1");
            g.writeArrayFieldStart("a");
            for (int position : ranking.order()) {
                g.writeNumber(position + 1);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("p");
            for (float p : ranking.probabilities()) {
                text.writeFloat(g, p);
            }
            g.writeEndArray();
            g.writeFieldName("c");
            writeContext(g, request, ranking.rankable());
            writeTrailer(g, ranking.modelVersion(), request.deferActivation(), learningMode, loop);
            g.writeEndObject();
        });
    }

    private static void writeContext(JsonGenerator g, RankRequest request, int[] rankable) throws IOException {
        g.writeStartObject();
        writeContextAndActions(g, request.contextFeaturesJson(), request.actions(), rankable, rankable.length);
        g.writeEndObject();
    }

    /** {@code FromUrl} with the context's feature objects, then {@code _multi} with actions {@code rankable[0, count)}. */
    private static void writeContextAndActions(JsonGenerator g, List<String> context, List<RankableAction> actions,
                                               int[] rankable, int count) throws IOException {
        g.writeArrayFieldStart("FromUrl");
        writeRaw(g, context);
        g.writeEndArray();
        g.writeArrayFieldStart("_multi");
        for (int k = 0; k < count; k++) {
            RankableAction action = actions.get(rankable[k]);
            g.writeStartObject();
            g.writeStringField("_tag", action.id());
            g.writeObjectFieldStart("i");
            g.writeNumberField("constant", 1);
            g.writeStringField("id", action.id());
            g.writeEndObject();
            g.writeArrayFieldStart("j");
            writeRaw(g, action.featuresJson());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * The context object of a multi-slot request: as for one slot, with every action under {@code _multi},
     * then {@code _slots}: per slot its {@code _id}, the positions of the actions it may show ({@code _inc},
     * only when it excludes some) and its feature objects under {@code sj}, as Personalizer logged them.
     */
    public static String multiSlotContext(MultiSlotRequest request, boolean[][] included) {
        return JsonText.string((text, g) -> writeMultiSlotContext(g, request, included));
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
        return JsonText.bytes((text, g) -> {
            g.writeStartObject();
            g.writeStringField("EventId", ranking.eventId());
            g.writeStringField("Timestamp", timestamp);
            g.writeStringField("Version", "1");
            g.writeFieldName("c");
            writeMultiSlotContext(g, request, included);
            g.writeArrayFieldStart("_outcomes");
            for (int s = 0; s < request.slots().size(); s++) {
                g.writeStartObject();
                g.writeStringField("_id", request.slots().get(s).id());
                g.writeArrayFieldStart("_a");
                for (int a : ranking.actions()[s]) {
                    g.writeNumber(a);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("_p");
                for (float p : ranking.probabilities()[s]) {
                    text.writeFloat(g, p);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("_ba");
            for (int baseline : ranking.baselines()) {
                g.writeNumber(baseline);
            }
            g.writeEndArray();
            writeTrailer(g, ranking.modelVersion(), request.deferActivation(), learningMode, loop);
            g.writeEndObject();
        });
    }

    private static void writeMultiSlotContext(JsonGenerator g, MultiSlotRequest request, boolean[][] included)
            throws IOException {
        int[] all = new int[request.actions().size()];
        for (int a = 0; a < all.length; a++) {
            all[a] = a;
        }
        g.writeStartObject();
        writeContextAndActions(g, request.contextFeaturesJson(), request.actions(), all, all.length);
        g.writeArrayFieldStart("_slots");
        for (int s = 0; s < request.slots().size(); s++) {
            SlotRequest slot = request.slots().get(s);
            g.writeStartObject();
            g.writeStringField("_id", slot.id());
            if (!slot.excludedActions().isEmpty()) {
                g.writeArrayFieldStart("_inc");
                for (int a = 0; a < all.length; a++) {
                    if (included[s][a]) {
                        g.writeNumber(a);
                    }
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("sj");
            writeRaw(g, slot.featuresJson());
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** The decision's closing fields: model version, deferred activation, learning mode and loop. */
    private static void writeTrailer(JsonGenerator g, String modelVersion, boolean deferred, String learningMode,
                                     String loop) throws IOException {
        g.writeObjectFieldStart("VWState");
        g.writeStringField("m", modelVersion);
        g.writeEndObject();
        g.writeBooleanField("DeferredAction", deferred);
        g.writeStringField("_learningMode", learningMode);
        g.writeStringField("_loop", loop);
    }

    private static void writeRaw(JsonGenerator g, List<String> values) throws IOException {
        for (String value : values) {
            g.writeRawValue(value);
        }
    }
}
