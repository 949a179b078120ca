package io.warren.api.embedded;

import io.warren.core.loop.Topics;
import static org.assertj.core.api.Assertions.assertThat;

import io.warren.api.PersonalizerRoutes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded stack of {@code warren up}: a real broker process and the API. A rank's decision reaches
 * Kafka; after a stop and a start on the same directory the key, the topics and the earlier decision
 * are all still there.
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

    @Test
    void decisionsReachKafkaAndARestartKeepsEverything() throws Exception {
        EmbeddedStack.Settings settings = new EmbeddedStack.Settings(data, System.getProperty("java.class.path"),
                "127.0.0.1", freePort(), freePort(), freePort(), "demo");
        String key;
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            key = stack.key();
            assertThat(rank(stack, "first")).isEqualTo(201);
            assertThat(decisionKeys(stack.kafkaBootstrap(), 1)).containsExactly("first");
        }
        try (EmbeddedStack stack = EmbeddedStack.start(settings)) {
            assertThat(stack.key()).isEqualTo(key);
            assertThat(rank(stack, "second")).isEqualTo(201);
            assertThat(decisionKeys(stack.kafkaBootstrap(), 2)).containsExactly("first", "second");
        }
    }
}
