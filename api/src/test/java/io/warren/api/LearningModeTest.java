package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.Ranker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Apprentice and LoggingOnly answer and log the baseline action; Online explores. */
class LearningModeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] BODY = ("{\"contextFeatures\":[{\"u\":{\"m\":\"x\"}}],\"actions\":["
            + "{\"id\":\"excluded\",\"features\":[{\"k\":1}]},{\"id\":\"baseline\",\"features\":[{\"k\":2}]},"
            + "{\"id\":\"other\",\"features\":[{\"k\":3}]},{\"id\":\"third\",\"features\":[{\"k\":4}]}],"
            + "\"excludedActions\":[\"excluded\"]}").getBytes(StandardCharsets.UTF_8);

    private static RankService service(boolean trained) {
        return new RankService("modes", () -> new Ranker(LearnerStack.build(Policy.DEFAULT.options()), trained, "v1"),
                1, Clock.systemUTC());
    }

    @Test
    void apprenticeAndLoggingOnlyAnswerAndLogTheBaselineWithCertainty() throws Exception {
        for (String mode : new String[] {"Apprentice", "LoggingOnly"}) {
            RankService.Outcome outcome = service(true).rank(BODY, mode);
            JsonNode response = JSON.readTree(outcome.response().body());
            assertThat(response.get("rewardActionId").asText()).isEqualTo("baseline");
            assertThat(response.get("ranking").get(0).get("probability").asDouble()).isEqualTo(1.0);
            assertThat(response.get("ranking")).hasSize(3);
            JsonNode decision = JSON.readTree(outcome.decision());
            assertThat(decision.get("a").get(0).asInt()).isEqualTo(1);
            assertThat(decision.get("p").get(0).asDouble()).isEqualTo(1.0);
            assertThat(decision.get("_learningMode").asText()).isEqualTo(mode);
        }
    }

    @Test
    void onlineExploresOverEveryRankableAction() throws Exception {
        RankService online = service(false);
        java.util.Set<String> chosen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            JsonNode response = JSON.readTree(online.rank(BODY, "Online").response().body());
            chosen.add(response.get("rewardActionId").asText());
        }
        assertThat(chosen).containsExactlyInAnyOrder("baseline", "other", "third");
    }

    @Test
    void agreementWithTheBaselineIsCountedOnlyForModelDecisions() {
        RankService untrained = service(false);
        untrained.rank(BODY, "Apprentice");
        assertThat(untrained.baselineAgreement()).isNaN();
        RankService trained = service(true);
        for (int i = 0; i < 4; i++) {
            trained.rank(BODY, "Apprentice");
        }
        // An empty model scores every action alike: the baseline ties for the highest probability.
        assertThat(trained.baselineAgreement()).isEqualTo(1.0);
    }
}
