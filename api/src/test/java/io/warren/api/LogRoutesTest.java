package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import io.warren.core.loop.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /logs/properties} gives the date range of the loop's logged decisions and {@code DELETE /logs}
 * removes them: from Kafka when the API has it, from the local spool (then the only log) without it.
 */
class LogRoutesTest {
    private static final String RANK = "{\"contextFeatures\":[{\"u\":{\"m\":\"x\"}}],\"actions\":["
            + "{\"id\":\"a\",\"features\":[{\"k\":1}]},{\"id\":\"b\",\"features\":[{\"k\":2}]}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(ApiServer server, String method, String path, String key) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).header("Ocp-Apim-Subscription-Key", key)
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString(RANK)
                        : HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode dateRange(ApiServer server) throws Exception {
        HttpResponse<String> response = send(server, "GET", "/personalizer/v1.1-preview.3/logs/properties", "admin");
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).get("dateRange");
    }

    @Test
    void withKafkaTheLogsDateRangeIsReadAndTheLogsAreDeleted() throws Exception {
        try (KafkaClusterTestKit kafka = TestKafka.start()) {
            ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, data, "logs", List.of(),
                    Policy.DEFAULT, ServiceConfiguration.defaults(), null, "key", "admin", kafka.bootstrapServers(), null, 0);
            Instant before = Instant.now().minusSeconds(1);
            try (ApiServer server = ApiServer.start(settings)) {
                assertThat(dateRange(server).isEmpty()).as("nothing logged yet").isTrue();
                for (int i = 0; i < 3; i++) {
                    assertThat(send(server, "POST", "/personalizer/v1.0/rank", "key").statusCode()).isEqualTo(201);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (dateRange(server).isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                JsonNode range = dateRange(server);
                Instant from = Instant.parse(range.get("from").asText());
                Instant to = Instant.parse(range.get("to").asText());
                assertThat(from).isAfter(before).isBeforeOrEqualTo(to);
                assertThat(to).isBeforeOrEqualTo(Instant.now());

                assertThat(send(server, "DELETE", "/personalizer/v1.0/logs", "key").statusCode()).isEqualTo(403);
                assertThat(send(server, "DELETE", "/personalizer/v1.0/logs", "admin").statusCode()).isEqualTo(204);
                assertThat(dateRange(server).isEmpty()).as("deleted").isTrue();
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                    TopicPartition decisions = new TopicPartition(Topics.decisions("logs"), 0);
                    long earliest = admin.listOffsets(Map.of(decisions, OffsetSpec.earliest())).all().get()
                            .get(decisions).offset();
                    long latest = admin.listOffsets(Map.of(decisions, OffsetSpec.latest())).all().get()
                            .get(decisions).offset();
                    // Three decisions and the spool's transaction markers: all of it deleted.
                    assertThat(latest).isGreaterThanOrEqualTo(3);
                    assertThat(earliest).as("the decisions are gone from Kafka").isEqualTo(latest);
                }
            }
        }
    }

    @Test
    void withoutKafkaTheSpoolIsTheLogAndIsDeleted() throws Exception {
        ApiServer.Settings settings = new ApiServer.Settings("127.0.0.1", 0, data, "local", List.of(), Policy.DEFAULT, ServiceConfiguration.defaults(),
                null, "key", "admin", null, null, 0);
        Instant deleted;
        try (ApiServer server = ApiServer.start(settings)) {
            assertThat(dateRange(server).isEmpty()).isTrue();
            assertThat(send(server, "POST", "/personalizer/v1.0/rank", "key").statusCode()).isEqualTo(201);
            HttpResponse<String> ranked = send(server, "POST", "/personalizer/v1.0/rank", "key");
            String eventId = JSON.readTree(ranked.body()).get("eventId").asText();
            assertThat(http.send(HttpRequest.newBuilder(URI.create(server.url() + "/personalizer/v1.0/events/" + eventId
                    + "/reward")).header("Ocp-Apim-Subscription-Key", "key")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"value\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
            JsonNode range = dateRange(server);
            assertThat(Instant.parse(range.get("from").asText())).isBeforeOrEqualTo(Instant.parse(range.get("to").asText()));
            assertThat(spooled(Topics.decisions("local"))).isNotEmpty();
            assertThat(spooled(Topics.rewards("local"))).isNotEmpty();

            assertThat(send(server, "DELETE", "/personalizer/v1.0/logs", "key").statusCode()).isEqualTo(403);
            assertThat(send(server, "DELETE", "/personalizer/v1.0/logs", "admin").statusCode()).isEqualTo(204);
            deleted = Instant.now();
            assertThat(dateRange(server).isEmpty()).as("deleted").isTrue();
            assertThat(spooled(Topics.decisions("local"))).as("decision segments").isEmpty();
            assertThat(spooled(Topics.rewards("local"))).as("reward segments").isEmpty();
            assertThat(spooled(Topics.config("local"))).as("the configuration is not a log").isNotEmpty();

            assertThat(send(server, "POST", "/personalizer/v1.0/rank", "key").statusCode()).isEqualTo(201);
            assertThat(Instant.parse(dateRange(server).get("from").asText())).isAfterOrEqualTo(deleted);
            assertThat(send(server, "GET", "/personalizer/v1.0/logs", "admin").statusCode()).isEqualTo(405);
        }
        try (ApiServer server = ApiServer.start(settings)) {
            assertThat(Instant.parse(dateRange(server).get("from").asText())).as("after a restart")
                    .isAfterOrEqualTo(deleted);
        }
    }

    /** The spool segments of a topic. */
    private List<Long> spooled(String topic) throws Exception {
        return SpoolFiles.segments(data.resolve("spool")).getOrDefault(topic, List.of());
    }
}
