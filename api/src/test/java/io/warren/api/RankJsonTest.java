package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.DecisionJson;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.RankableAction;
import io.warren.core.rank.Ranker;
import io.warren.core.rank.RawJson;
import io.warren.core.rank.Ranking;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankJsonTest {
    private static final String PRETTY = """
            {
              "contextFeatures": [ { "user": {\t"mood": "a\\tb",
                  "visits": 3 } } ],
              "actions": [
                { "id": "one", "features": [ { "size": "large" },
                                             { "n": 1.5 } ] },
                { "id": "two", "features": [] }
              ],
              "eventId": "pretty-1"
            }
            """;

    @Test
    void featureObjectsKeepTheCallersTextOnOneLine() {
        RankRequest request = RankJson.parse(PRETTY.getBytes(StandardCharsets.UTF_8));
        assertThat(request.contextFeaturesJson()).containsExactly(RawJson.of("{ \"user\": { \"mood\": \"a\\tb\",       \"visits\": 3 } }"));
        assertThat(request.actions().get(0).featuresJson()).containsExactly(RawJson.of("{ \"size\": \"large\" }"),
                RawJson.of("{ \"n\": 1.5 }"));
        assertThat(request.actions().get(1).featuresJson()).isEmpty();
        assertThat(request.eventId()).isEqualTo("pretty-1");
    }

    @Test
    void aPrettyPrintedRequestIsDecidedAndLoggedAsOneLine() {
        RankService service = new RankService("pretty", () -> new Ranker(LearnerStack.build(Policy.DEFAULT.options()),
                true, "v"), 1, Clock.systemUTC());
        RankService.Outcome outcome = service.rank(PRETTY.getBytes(StandardCharsets.UTF_8), "Online");
        assertThat(outcome.response().status()).isEqualTo(201);
        assertThat(new String(outcome.decision(), StandardCharsets.UTF_8)).doesNotContain("\n", "\r", "\t").contains("\"mood\": \"a\\tb\"");
    }

    @Test
    void generatedEventIdsAreRandomVersion4UuidsInHex() {
        RankService service = new RankService("ids", () -> new Ranker(LearnerStack.build(Policy.DEFAULT.options()),
                true, "v"), 1, Clock.systemUTC());
        byte[] body = "{\"actions\":[{\"id\":\"a\"}]}".getBytes(StandardCharsets.UTF_8);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = service.rank(body, "Online").eventId();
            assertThat(id).matches("[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}");
            ids.add(id);
        }
        assertThat(ids).hasSize(200);
    }

    @Test
    void wrongShapesAreNamedInTheError() {
        assertThatThrownBy(() -> RankJson.parse("{\"actions\":[{\"id\":\"a\",\"features\":[1]}]}".getBytes()))
                .isInstanceOf(RankRequestException.class).hasMessageContaining("actions[0].features[0] must be an object");
        assertThatThrownBy(() -> RankJson.parse("{\"contextFeatures\":{}}".getBytes()))
                .hasMessageContaining("contextFeatures must be an array");
        assertThatThrownBy(() -> RankJson.parse("{\"actions\":[]} trailing".getBytes()))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RankJson.parse("{}".getBytes())).hasMessageContaining("actions is required");
    }

    /** Ids kept as sent (no escapes) are written as the same bytes as ids escaped again: in the response and in the log. */
    @Test
    void idsCopiedAsSentAreWrittenAsIfEscapedAgain() {
        String body = "{\"contextFeatures\":[{\"u\":{\"m\":1}}],\"actions\":[{\"id\":\"plain\"},{\"id\":\"a/b \u00e9\u20ac\"},"
                + "{\"id\":\"x\\u0041\\\"q\\t\"},{\"features\":[{\"f\":1}],\"id\" : \"spaced\"}],\"eventId\":\"e-1\"}";
        RankRequest request = RankJson.parse(body.getBytes(StandardCharsets.UTF_8));
        assertThat(request.actions()).extracting(a -> a.idJson() != null).containsExactly(true, true, false, true);
        List<RankableAction> escapedAgain = request.actions().stream()
                .map(a -> new RankableAction(a.id(), a.featuresJson())).toList();
        RankRequest plain = new RankRequest(request.contextFeaturesJson(), escapedAgain, request.excludedActions(),
                request.eventId(), request.deferActivation());
        Ranker ranker = new Ranker(LearnerStack.build(Policy.DEFAULT.options()), true, "v");
        Ranking ranking = ranker.rank(request, "e-1", "ids");
        assertThat(RankJson.response(ranking, request)).isEqualTo(RankJson.response(ranking, plain));
        assertThat(DecisionJson.decision(ranking, request, "t", "Online", "ids"))
                .isEqualTo(DecisionJson.decision(ranking, plain, "t", "Online", "ids"));
        assertThat(new String(RankJson.response(ranking, request), StandardCharsets.UTF_8))
                .contains("\"a/b \u00e9\u20ac\"", "\"xA\\\"q\\t\"");
    }
}
