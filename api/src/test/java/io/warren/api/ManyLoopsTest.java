package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One server, several loops: each has its own path, keys, configuration and topics. */
class ManyLoopsTest {
    private static final String RANK = "{\"contextFeatures\":[{\"u\":{\"m\":\"x\"}}],\"actions\":["
            + "{\"id\":\"a\",\"features\":[{\"k\":1}]},{\"id\":\"b\",\"features\":[{\"k\":2}]}],\"eventId\":\"%s\"}";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(ApiServer server, String method, String path, String key, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Ocp-Apim-Subscription-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachLoopHasItsOwnPathKeysConfigurationAndTopics() throws Exception {
        ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, data, "shop", List.of("news"),
                Policy.DEFAULT, ServiceConfiguration.defaults(), null, "shop-key", "shop-admin", null, null, 0);
        try (ApiServer server = ApiServer.start(settings)) {
            String newsKey = Files.readString(ApiServer.loopDir(settings, "news").resolve("key")).trim();
            String newsAdmin = Files.readString(ApiServer.loopDir(settings, "news").resolve("admin-key")).trim();

            assertThat(send(server, "POST", "/personalizer/v1.0/rank", "shop-key", RANK.formatted("s1")).statusCode())
                    .isEqualTo(201);
            assertThat(send(server, "POST", "/loops/shop/personalizer/v1.0/rank", "shop-key", RANK.formatted("s2"))
                    .statusCode()).isEqualTo(201);
            assertThat(send(server, "POST", "/loops/news/personalizer/v1.1-preview.3/rank", newsKey,
                    RANK.formatted("n1")).statusCode()).isEqualTo(201);
            // A loop's key opens no other loop.
            assertThat(send(server, "POST", "/loops/news/personalizer/v1.0/rank", "shop-key", RANK.formatted("x"))
                    .statusCode()).isEqualTo(401);
            HttpResponse<String> unknown = send(server, "POST", "/loops/sports/personalizer/v1.0/rank", newsKey,
                    RANK.formatted("y"));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no loop 'sports'");

            String policy = "{\"name\":\"news policy\",\"arguments\":\"--cb_explore_adf --epsilon 0.5\"}";
            assertThat(send(server, "PUT", "/loops/news/personalizer/v1.0/configurations/policy", newsAdmin, policy)
                    .statusCode()).isEqualTo(200);
            assertThat(send(server, "GET", "/personalizer/v1.0/configurations/policy", "shop-admin", null).body())
                    .contains(Policy.DEFAULT.arguments());
            assertThat(send(server, "GET", "/loops/news/personalizer/v1.0/configurations/policy", newsAdmin, null)
                    .body()).contains("news policy");
        }
        Path spool = data.resolve("spool");
        assertThat(Files.readString(SpoolFiles.segment(spool, "warren.shop.decisions", 0)))
                .contains("\"EventId\":\"s1\"").contains("\"EventId\":\"s2\"").doesNotContain("\"n1\"");
        assertThat(Files.readString(SpoolFiles.segment(spool, "warren.news.decisions", 0)))
                .contains("\"EventId\":\"n1\"").contains("\"_loop\":\"news\"");
    }

    @Test
    void aLoopAddedWhileRunningIsServedAndKeptAcrossARestart() throws Exception {
        ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, data, "shop", List.of(),
                Policy.DEFAULT, ServiceConfiguration.defaults(), null, "shop-key", "shop-admin", null, null, 0);
        String newsAdmin;
        try (ApiServer server = ApiServer.start(settings)) {
            assertThat(send(server, "POST", "/loops/news/personalizer/v1.0/rank", "news-key-1", RANK.formatted("n0"))
                    .statusCode()).isEqualTo(404);
            assertThat(send(server, "PUT", "/loops/news", null, "{}").statusCode()).isEqualTo(401);
            assertThat(send(server, "PUT", "/loops/news", "shop-key", "{}").statusCode()).isEqualTo(403);
            assertThat(send(server, "PUT", "/loops/News_1", "shop-admin", "{}").statusCode()).isEqualTo(400);
            assertThat(send(server, "PUT", "/loops/news", "shop-admin", "{\"key\":\"a\\\"b\"}").statusCode())
                    .isEqualTo(400);
            assertThat(send(server, "PUT", "/loops/news", "shop-admin", "[1]").statusCode()).isEqualTo(400);

            HttpResponse<String> added = send(server, "PUT", "/loops/news", "shop-admin", "{\"key\":\"news-key-1\"}");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(added.body());
            assertThat(body.get("endpoint").asText()).isEqualTo("/loops/news");
            assertThat(body.get("key").asText()).isEqualTo("news-key-1");
            newsAdmin = body.get("adminKey").asText();
            assertThat(newsAdmin).hasSize(32);
            assertThat(send(server, "PUT", "/loops/news", "shop-admin", "{}").statusCode()).isEqualTo(409);
            assertThat(send(server, "GET", "/loops/news", "shop-admin", null).statusCode()).isEqualTo(405);

            assertThat(send(server, "POST", "/loops/news/personalizer/v1.0/rank", "news-key-1", RANK.formatted("n1"))
                    .statusCode()).isEqualTo(201);
            assertThat(send(server, "GET", "/loops/news/personalizer/v1.0/configurations/service", newsAdmin, null)
                    .statusCode()).isEqualTo(200);
            assertThat(send(server, "POST", "/loops/news/personalizer/v1.0/rank", "shop-key", RANK.formatted("n2"))
                    .statusCode()).isEqualTo(401);
            assertThat(send(server, "GET", "/metrics", null, null).body()).contains("loop=\"news\"");
        }
        // The jobs learn of the new loop from its configuration record.
        Path spool = data.resolve("spool");
        assertThat(Files.readString(SpoolFiles.segment(spool, "warren.news.config", 0))).contains("\"loop\":\"news\"");
        try (ApiServer restarted = ApiServer.start(settings)) {
            assertThat(send(restarted, "POST", "/loops/news/personalizer/v1.0/rank", "news-key-1", RANK.formatted("n3"))
                    .statusCode()).isEqualTo(201);
            assertThat(send(restarted, "GET", "/loops/news/personalizer/v1.0/configurations/policy", newsAdmin, null)
                    .statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aLoopAddedWhileRunningCanBeRemovedAndStaysRemovedAfterARestart() throws Exception {
        ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, data, "shop", List.of("deals"),
                Policy.DEFAULT, ServiceConfiguration.defaults(), null, "shop-key", "shop-admin", null, null, 0);
        try (ApiServer server = ApiServer.start(settings)) {
            assertThat(send(server, "PUT", "/loops/news", "shop-admin", "{\"key\":\"news-key\"}").statusCode())
                    .isEqualTo(201);
            assertThat(send(server, "POST", "/loops/news/personalizer/v1.0/rank", "news-key", RANK.formatted("n1"))
                    .statusCode()).isEqualTo(201);
            assertThat(send(server, "GET", "/metrics", null, null).body()).contains("loop=\"news\"");

            assertThat(send(server, "DELETE", "/loops/news", null, null).statusCode()).isEqualTo(401);
            assertThat(send(server, "DELETE", "/loops/news", "news-key", null).statusCode()).isEqualTo(403);
            assertThat(send(server, "DELETE", "/loops/sports", "shop-admin", null).statusCode()).isEqualTo(404);
            HttpResponse<String> kept = send(server, "DELETE", "/loops/shop", "shop-admin", null);
            assertThat(kept.statusCode()).isEqualTo(409);
            assertThat(kept.body()).contains("command line");
            assertThat(send(server, "DELETE", "/loops/deals", "shop-admin", null).statusCode()).isEqualTo(409);

            assertThat(send(server, "DELETE", "/loops/news", "shop-admin", null).statusCode()).isEqualTo(204);
            HttpResponse<String> gone = send(server, "POST", "/loops/news/personalizer/v1.0/rank", "news-key",
                    RANK.formatted("n2"));
            assertThat(gone.statusCode()).isEqualTo(404);
            assertThat(gone.body()).contains("ResourceNotFound");
            assertThat(send(server, "GET", "/metrics", null, null).body()).doesNotContain("loop=\"news\"");
            assertThat(send(server, "POST", "/personalizer/v1.0/rank", "shop-key", RANK.formatted("s1")).statusCode())
                    .as("the other loops go on").isEqualTo(201);
            assertThat(send(server, "DELETE", "/loops/news", "shop-admin", null).statusCode()).isEqualTo(404);
        }
        try (ApiServer restarted = ApiServer.start(settings)) {
            assertThat(send(restarted, "POST", "/loops/news/personalizer/v1.0/rank", "news-key", RANK.formatted("n3"))
                    .statusCode()).as("not back after a restart").isEqualTo(404);
            HttpResponse<String> again = send(restarted, "PUT", "/loops/news", "shop-admin", "{}");
            assertThat(again.statusCode()).as("the id can be used again").isEqualTo(201);
        }
    }

    @Test
    void aLoopAddedWithKafkaGetsItsTopics() throws Exception {
        try (org.apache.kafka.common.test.KafkaClusterTestKit kafka = TestKafka.start()) {
            ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, data, "shop", List.of(),
                    Policy.DEFAULT, ServiceConfiguration.defaults(), null, "shop-key", "shop-admin",
                    kafka.bootstrapServers(), data.resolve("models"), 0);
            try (ApiServer server = ApiServer.start(settings);
                 org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                         java.util.Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(send(server, "PUT", "/loops/sports", "shop-admin", "").statusCode()).isEqualTo(201);
                var names = List.of("warren.sports.decisions", "warren.sports.rewards", "warren.sports.joined",
                        "warren.sports.late", "warren.sports.models", "warren.sports.config");
                assertThat(admin.listTopics().names().get()).containsAll(names);
                var compacted = admin.describeConfigs(List.of(
                        new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                                "warren.sports.config"))).all().get().values().iterator().next().get("cleanup.policy");
                assertThat(compacted.value()).isEqualTo("compact");
                HttpResponse<String> versions = send(server, "GET", "/loops/sports/personalizer/v1.0/model/versions",
                        Files.readString(ApiServer.loopDir(settings, "sports").resolve("admin-key")).trim(), null);
                assertThat(versions.statusCode()).as("the new loop follows its models topic").isEqualTo(200);
            }
        }
    }
}
