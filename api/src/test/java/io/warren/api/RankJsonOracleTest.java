package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.parse.JsonMutations;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.RankableAction;
import io.warren.core.rank.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The rank request reader ({@link RankJson} on {@link JsonCursor}) against Jackson's tree reader as the
 * oracle, on valid requests with a few characters inserted, removed or replaced: what Jackson refuses as
 * JSON the reader refuses, and what it takes the reader reads to the same ids, flags and feature objects.
 */
class RankJsonOracleTest {
    private static final ObjectMapper JACKSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> VALID = List.of(
            "{\"contextFeatures\":[{\"user\":{\"mood\":\"tired\",\"visits\":12,\"mobile\":true}},{\"t\":{\"h\":-9.5e-3}}],"
                    + "\"actions\":[{\"id\":\"item-1\",\"features\":[{\"kind\":\"k1\",\"price\":1.25},{\"tags\":"
                    + "{\"hot\":false,\"x\":null}}]},{\"id\":\"it\\u00e9m\\\"2\",\"features\":[{\"a\":[1,2,{\"b\":\"\u20ac\"}]}]}],"
                    + "\"excludedActions\":[\"item-1\"],\"eventId\":\"ev-\\n1\",\"deferActivation\":true}",
            "{ \"actions\" : [ { \"features\" : null , \"id\" : \"a\" } ] , \"other\" : { \"deep\" : [ [ ] , { } ] } ,"
                    + " \"contextFeatures\" : [ ] , \"eventId\" : null , \"deferActivation\" : false }",
            "{\"act\\u0069ons\":[{\"id\":\"0\",\"features\":[{\"n\":0},{\"n\":-0.0E+1}]}],\"excludedActions\":null}");

    @Provide
    Arbitrary<String> mutated() {
        return JsonMutations.of(VALID);
    }

    @Property(tries = 4000)
    void refusesWhatJacksonRefusesAndReadsWhatItReads(@ForAll("mutated") String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        JsonNode tree;
        try {
            tree = JACKSON.readTree(body);
        } catch (java.io.IOException e) {
            assertThatThrownBy(() -> RankJson.parse(body)).as(text).isInstanceOf(RankRequestException.class);
            return;
        }
        RankRequest request;
        try {
            request = RankJson.parse(body);
        } catch (RankRequestException e) {
            assertThat(e.getMessage()).as(text).doesNotContain("not valid JSON");
            return;
        }
        assertSameRequest(tree, request, text);
    }

    private static void assertSameRequest(JsonNode tree, RankRequest request, String text) {
        assertThat(features(request.contextFeaturesJson())).as(text).isEqualTo(nodes(tree.get("contextFeatures")));
        JsonNode actions = tree.get("actions");
        assertThat(request.actions()).as(text).hasSize(actions.size());
        for (int a = 0; a < actions.size(); a++) {
            RankableAction action = request.actions().get(a);
            assertThat(action.id()).as(text).isEqualTo(actions.get(a).get("id").textValue());
            assertThat(features(action.featuresJson())).as(text).isEqualTo(nodes(actions.get(a).get("features")));
        }
        JsonNode excluded = tree.get("excludedActions");
        List<String> expectedExcluded = new ArrayList<>();
        if (excluded != null) {
            excluded.forEach(id -> expectedExcluded.add(id.textValue()));
        }
        assertThat(request.excludedActions()).as(text).isEqualTo(expectedExcluded);
        JsonNode eventId = tree.get("eventId");
        assertThat(request.eventId()).as(text).isEqualTo(eventId == null ? null : eventId.textValue());
        JsonNode defer = tree.get("deferActivation");
        assertThat(request.deferActivation()).as(text).isEqualTo(defer != null && defer.booleanValue());
    }

    private static List<JsonNode> features(List<RawJson> values) {
        List<JsonNode> out = new ArrayList<>();
        for (RawJson value : values) {
            try {
                out.add(JACKSON.readTree(value.text()));
            } catch (JacksonException e) {
                fail("a feature object the reader kept is not JSON: " + value.text());
            }
        }
        return out;
    }

    private static List<JsonNode> nodes(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        if (array != null) {
            array.forEach(out::add);
        }
        return out;
    }

    @Test
    void refusesMalformedJsonThatAnEasyScannerWouldTake() {
        for (String bad : List.of("{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":01}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":1,}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":.5}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":NaN}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":\"\\q\"}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":\"\\u12g4\"}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{'x':1}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":1} /* c */]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":tru}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":\"tab\there\"}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":1e}]}]}", "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":1.}]}]}",
                "{\"actions\":[{\"id\":\"a\"}]} {}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":" + "[".repeat(600) + "]".repeat(600) + "}]}]}")) {
            assertThatThrownBy(() -> RankJson.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(RankRequestException.class).hasMessageContaining("not valid JSON");
        }
        byte[] notUtf8 = "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":\"?\"}]}]}".getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 7] = (byte) 0xff;
        assertThatThrownBy(() -> RankJson.parse(notUtf8)).isInstanceOf(RankRequestException.class)
                .hasMessageContaining("not UTF-8");
    }
}
