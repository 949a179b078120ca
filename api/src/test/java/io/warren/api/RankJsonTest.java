package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.Ranker;
import io.warren.core.rank.RawJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
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
        java.util.Set<String> ids = new java.util.HashSet<>();
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
}
