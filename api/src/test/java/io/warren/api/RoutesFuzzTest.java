package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.driver.LearnerStack;
import io.warren.api.config.LoopConfigStore;
import io.warren.api.config.Policy;
import io.warren.core.rank.Ranker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random bodies at every route: always a 2xx or a 4xx with Personalizer's error body, never a 5xx or a throw. */
class RoutesFuzzTest {
    private static final List<String> PATHS = List.of("/personalizer/v1.0/rank", "/personalizer/v1.1-preview.3/rank",
            "/personalizer/v1.0/events/e-1/reward", "/personalizer/v1.0/events/e-1/activate",
            "/personalizer/v1.1-preview.3/events/%20odd%2Bid/reward", "/personalizer/v1.0/events/tab%09id/reward", "/personalizer/v1.0/configurations/service",
            "/personalizer/v1.1-preview.3/configurations/policy", "/personalizer/v1.0/configurations/other",
            "/personalizer/v2/rank", "/loops/x/rank", "/", "/personalizer/v1.0/logs",
            "/personalizer/v1.1-preview.3/logs/properties", "/personalizer/v1.1-preview.3/multislot/rank",
            "/personalizer/v1.0/model/versions", "/personalizer/v1.0/model/rollback",
            "/personalizer/v1.1-preview.3/multislot/events/e1/reward");

    private final PersonalizerRoutes routes;

    RoutesFuzzTest() throws IOException {
        LoopConfigStore config = new LoopConfigStore(Files.createTempDirectory("fuzz"), Policy.DEFAULT);
        routes = new PersonalizerRoutes("fuzz", new RankService("fuzz",
                () -> new Ranker(LearnerStack.build(Policy.DEFAULT.options()), true, "v"), 1, Clock.systemUTC()),
                Clock.systemUTC(), config, "fuzz-key", "fuzz-admin", 0, Files.createTempDirectory("fuzz-models"), null,
                spoolLogs(Files.createTempDirectory("fuzz-spool")), new KnownEvents("fuzz",
                        () -> java.time.Duration.ofMinutes(10), Clock.systemUTC(), null, Files.createTempDirectory("fuzz-known")));
    }

    /** The loop's logs in a spool of its own, which DELETE /logs may empty. */
    private static SpoolLoopLogs spoolLogs(Path dir) throws IOException {
        return new SpoolLoopLogs(new SpoolLog(dir), dir, "fuzz");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<String> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.-eE truefalsnl_abcidxv")
                .ofMaxLength(200);
        Arbitrary<String> nearValid = Arbitraries.of(
                "{\"rewardWaitTime\":\"PT5S\",\"defaultReward\":0,\"rewardAggregation\":\"sum\","
                        + "\"explorationPercentage\":0.1,\"modelExportFrequency\":\"PT1S\",\"logRetentionDays\":-1}",
                "{\"name\":\"p\",\"arguments\":\"--cb_explore_adf --epsilon 0.3\"}",
                "{\"name\":\"p\",\"arguments\":\"--bogus\"}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":1}]}]}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[{\"x\":1}]}],\"contextFeatures\":[{\"u\":{\"v\":\"w\"}}]}",
                "{\"value\":0.5}", "{\"value\":1e40}", "{\"actions\":[{\"id\":7}]}", "{\"actions\":{}}",
                "{\"actions\":[{\"id\":\"a\",\"features\":[1,2]}]}",
                "{\"eventId\":\"line\\nbreak\",\"actions\":[{\"id\":\"a\",\"features\":[{\n\"x\":\t1}]}]}", "{\"contextFeatures\":[{\"_x\" 1}],\"actions\":[]}")
                .flatMap(s -> Arbitraries.integers().between(0, s.length()).map(cut -> s.substring(0, cut)));
        return Arbitraries.oneOf(raw, jsonish.map(s -> s.getBytes(StandardCharsets.UTF_8)),
                nearValid.map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 2000)
    void everyAnswerIsASuccessOrAClientError(@ForAll("bodies") byte[] body, @ForAll("paths") String path,
                                             @ForAll("methods") String method, @ForAll("keys") String key) {
        PersonalizerRoutes.Reply reply = routes.handle(method, path, key, body);
        int status = reply.response().status();
        assertThat(status).isBetween(200, 499);
        if (status >= 400) {
            assertThat(new String(reply.response().body(), StandardCharsets.UTF_8)).startsWith("{\"error\":{\"code\":");
            assertThat(reply.topic()).isNull();
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(PATHS);
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("fuzz-key", "fuzz-key", "fuzz-admin", "fuzz-admin", "wrong", "").injectNull(0.1);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("POST", "POST", "POST", "GET", "PUT", "PUT", "DELETE");
    }
}
