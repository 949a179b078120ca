package io.warren.api.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.api.PersonalizerRoutes;
import io.warren.core.loop.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded stack of {@code warren up}: a real broker process, the Flink jobs in their own JVM and the
 * API. A rewarded rank comes out of the join; after a stop and a start on the same directory the key, the
 * topics and the earlier events are all still there, the jobs resume from their checkpoint and nothing is
 * joined twice.
 */
class EmbeddedStackTest {
    private static final String BODY = "{\"contextFeatures\":[{\"user\":{\"mood\":\"tired\"}}],\"actions\":["
            + "{\"id\":\"tea\",\"features\":[{\"hot\":true}]},{\"id\":\"juice\",\"features\":[{\"hot\":false}]}],"
            + "\"eventId\":\"%s\"}";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private int rank(EmbeddedStack stack, String eventId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url() + "/personalizer/v1.0/rank"))
                .header("Ocp-Apim-Subscription-Key", stack.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(eventId))).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static List<String> decisionKeys(String bootstrap, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            TopicPartition partition = new TopicPartition(Topics.decisions("demo"), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (keys.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(r.key());
                }
            }
        }
        return keys;
    }

    private HttpResponse<String> call(EmbeddedStack stack, String method, String path, String key, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.url() + "/personalizer/v1.1-preview.3" + path))
                .header("Ocp-Apim-Subscription-Key", key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void reward(EmbeddedStack stack, String eventId, double value) throws Exception {
        assertThat(call(stack, "POST", "/events/" + eventId + "/reward", stack.key(), "{\"value\":" + value + "}")
                .statusCode()).isEqualTo(204);
    }

    /** The joined topic as a read_committed reader sees it: event id to line, failing on an event joined twice. */
    private static Map<String, String> joined(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, String> lines = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            TopicPartition partition = new TopicPartition(Topics.joined("demo"), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    assertThat(lines.put(r.key(), r.value())).as("%s joined twice", r.key()).isNull();
                }
            }
        }
        return lines;
    }

    private static String awaitJoined(EmbeddedStack stack, String eventId, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String line = joined(stack.kafkaBootstrap()).get(eventId);
            if (line != null) {
                return line;
            }
            Thread.sleep(250);
        }
        return null;
    }

    @Test
    void rewardedDecisionsAreJoinedAndARestartKeepsEverythingWithoutJoiningTwice() throws Exception {
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, System.getProperty("java.class.path"),
                JobsClasspath.built(), "127.0.0.1", freePort(), freePort(), freePort(), "demo");
        String key;
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            key = stack.key();
            String service = call(stack, "GET", "/configurations/service", stack.adminKey(), null).body();
            assertThat(call(stack, "PUT", "/configurations/service", stack.adminKey(),
                    service.replace("\"PT5S\"", "\"PT1S\"")).statusCode()).isEqualTo(200);
            // Decisions the join read before the new setting wait the old 10 minutes: probe until one joins.
            String probe = null;
            for (int k = 0; k < 8 && probe == null; k++) {
                assertThat(rank(stack, "probe-" + k)).isEqualTo(201);
                reward(stack, "probe-" + k, 1);
                probe = awaitJoined(stack, "probe-" + k, Duration.ofSeconds(8));
            }
            assertThat(probe).as("a probe joined with the 1 s reward wait").isNotNull();
            assertThat(rank(stack, "first")).isEqualTo(201);
            reward(stack, "first", 0.5);
            assertThat(awaitJoined(stack, "first", Duration.ofSeconds(20))).as("first joined")
                    .startsWith("{\"_label_cost\":-0.5,");
            assertThat(decisionKeys(stack.kafkaBootstrap(), 1)).contains("first");
        }
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            assertThat(stack.key()).isEqualTo(key);
            assertThat(rank(stack, "second")).isEqualTo(201);
            reward(stack, "second", 1);
            assertThat(awaitJoined(stack, "second", Duration.ofSeconds(60))).as("second joined after the restart")
                    .startsWith("{\"_label_cost\":-1.0,");
            assertThat(decisionKeys(stack.kafkaBootstrap(), 2)).contains("first", "second");
            assertThat(joined(stack.kafkaBootstrap())).containsKeys("first", "second");
        }
    }
}
