package io.warren.core.rank;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
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

    /** The context object ({@code c}) for the given actions of the request, in the given order. */
    public static String context(RankRequest request, int[] rankable) {
        return write(g -> writeContext(g, request, rankable));
    }

    /**
     * The whole decision line: event id, timestamp, the ranked actions ({@code a}, 1-based positions in
     * {@code _multi}, the chosen one first) with their probabilities ({@code p}), the context, the model
     * version that decided, whether activation is deferred, and Warren's learning mode and loop.
     */
    public static String decision(Ranking ranking, RankRequest request, String timestamp, String learningMode,
                                  String loop) {
        return write(g -> {
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
                g.writeNumber(p);
            }
            g.writeEndArray();
            g.writeFieldName("c");
            writeContext(g, request, ranking.rankable());
            g.writeObjectFieldStart("VWState");
            g.writeStringField("m", ranking.modelVersion());
            g.writeEndObject();
            g.writeBooleanField("DeferredAction", request.deferActivation());
            g.writeStringField("_learningMode", learningMode);
            g.writeStringField("_loop", loop);
            g.writeEndObject();
        });
    }

    private static void writeContext(JsonGenerator g, RankRequest request, int[] rankable) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("FromUrl");
        writeRaw(g, request.contextFeaturesJson());
        g.writeEndArray();
        g.writeArrayFieldStart("_multi");
        for (int index : rankable) {
            RankableAction action = request.actions().get(index);
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
        g.writeEndObject();
    }

    private static void writeRaw(JsonGenerator g, List<String> values) throws IOException {
        for (String value : values) {
            g.writeRawValue(value);
        }
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
