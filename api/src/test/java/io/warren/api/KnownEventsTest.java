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
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reward or activation for an event that was never ranked gets a 404 and is not logged; one for a ranked
 * event is accepted, also after a restart (the spool is read back) and on another instance than the one
 * that ranked it (the instances follow the decisions topic on a real broker).
 */
class KnownEventsTest {
    private static final String RANK = "{\"contextFeatures\":[{\"u\":{\"m\":\"x\"}}],\"actions\":["
            + "{\"id\":\"a\",\"features\":[{\"k\":1}]},{\"id\":\"b\",\"features\":[{\"k\":2}]}],\"eventId\":\"%s\"}";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(ApiServer server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/personalizer/v1.0" + path))
                .header("Ocp-Apim-Subscription-Key", "key").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int reward(ApiServer server, String eventId) throws Exception {
        return post(server, "/events/" + eventId + "/reward", "{\"value\":1}").statusCode();
    }

    private ApiServer.Settings settings(String name, String bootstrap) {
        return new ApiServer.Settings("127.0.0.1", 0, work.resolve(name), "known", List.of(), Policy.DEFAULT,
                ServiceConfiguration.defaults(), null, "key", "admin", bootstrap, null, 0);
    }

    private String spooledRewards(String name) throws Exception {
        Path segment = SpoolFiles.segment(work.resolve(name).resolve("spool"), "warren.known.rewards", 0);
        return Files.exists(segment) ? Files.readString(segment) : "";
    }

    @Test
    void withoutKafkaTheSpoolTellsWhichEventsWereRanked() throws Exception {
        try (ApiServer server = ApiServer.start(settings("alone", null))) {
            HttpResponse<String> unknown = post(server, "/events/never/reward", "{\"value\":1}");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("ResourceNotFound").contains("no event 'never' was ranked");
            assertThat(post(server, "/events/never/activate", "").statusCode()).isEqualTo(404);
            // A bad body is still a 400 first.
            assertThat(post(server, "/events/never/reward", "{\"value\":3}").statusCode()).isEqualTo(400);
            assertThat(post(server, "/rank", RANK.formatted("e1")).statusCode()).isEqualTo(201);
            assertThat(reward(server, "e1")).isEqualTo(204);
            assertThat(post(server, "/events/e1/activate", "").statusCode()).isEqualTo(204);
        }
        assertThat(spooledRewards("alone")).contains("\"EventId\":\"e1\"").doesNotContain("never");
        try (ApiServer restarted = ApiServer.start(settings("alone", null))) {
            assertThat(reward(restarted, "e1")).as("ranked before the restart").isEqualTo(204);
            assertThat(reward(restarted, "never")).isEqualTo(404);
        }
    }

    @Test
    void withKafkaAnEventRankedOnOneInstanceIsRewardedOnAnother() throws Exception {
        try (KafkaClusterTestKit kafka = TestKafka.start();
             ApiServer a = ApiServer.start(settings("a", kafka.bootstrapServers()));
             ApiServer b = ApiServer.start(settings("b", kafka.bootstrapServers()))) {
            assertThat(post(a, "/rank", RANK.formatted("k1")).statusCode()).isEqualTo(201);
            assertThat(reward(b, "k1")).as("ranked on the other instance").isEqualTo(204);
            long started = System.nanoTime();
            assertThat(reward(b, "k-never")).isEqualTo(404);
            assertThat((System.nanoTime() - started) / 1_000_000).as("waited for the topic to cover the request")
                    .isGreaterThanOrEqualTo(KnownEvents.GRACE_MILLIS);
            assertThat(reward(a, "k1")).isEqualTo(204);
            assertThat(spooledRewards("b")).contains("\"EventId\":\"k1\"").doesNotContain("k-never");

            // The topic gains a partition: once the instances look again, decisions there count too.
            try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                    java.util.Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createPartitions(java.util.Map.of("warren.known.decisions",
                        org.apache.kafka.clients.admin.NewPartitions.increaseTo(2))).all().get();
            }
            Thread.sleep(KnownEvents.PARTITION_CHECK_MILLIS + 1_000);
            try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(java.util.Map.of(
                    "bootstrap.servers", kafka.bootstrapServers()), new org.apache.kafka.common.serialization.StringSerializer(),
                    new org.apache.kafka.common.serialization.StringSerializer())) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("warren.known.decisions", 1,
                        "k-new-partition", "{}")).get();
            }
            assertThat(reward(b, "k-new-partition")).as("decided in the new partition").isEqualTo(204);
        }
    }
}
