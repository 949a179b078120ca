package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import io.warren.core.driver.DsJsonLearner;
import io.warren.core.loop.Topics;
import io.warren.core.model.Announcement;
import io.warren.core.model.ModelDigest;
import io.warren.core.model.ModelStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An admin's model changes reach every API instance through {@code warren.<loop>.models} on a real broker:
 * an import becomes the next version in the shared model store, a rollback serves an older version again
 * on both instances, a reset takes both back to uniform draws; each is announced with its origin for the
 * TrainJob to continue from.
 */
class ModelControlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOP = "control";
    private static final String LINE = "{\"_label_cost\":-1,\"_label_probability\":0.5,\"_label_Action\":1,"
            + "\"_labelIndex\":0,\"a\":[1,2],\"p\":[0.5,0.5],\"c\":{\"FromUrl\":[{\"u\":{\"m\":\"x\"}}],\"_multi\":["
            + "{\"_tag\":\"a\",\"i\":{\"constant\":1,\"id\":\"a\"}},{\"_tag\":\"b\",\"i\":{\"constant\":1,\"id\":\"b\"}}]}}";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> send(ApiServer server, String method, String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + "/personalizer/v1.0" + path))
                .header("Ocp-Apim-Subscription-Key", "admin")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode versions(ApiServer server) throws Exception {
        HttpResponse<byte[]> response = send(server, "GET", "/model/versions", null);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void awaitServed(ApiServer server, String version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!versions(server).get("served").asText().equals(version) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(versions(server).get("served").asText()).isEqualTo(version);
    }

    /** A model of the loop's policy that learned {@code events} copies of one event. */
    private byte[] model(String arguments, int events) throws Exception {
        DsJsonLearner learner = DsJsonLearner.fresh(arguments);
        for (int i = 0; i < events; i++) {
            learner.learn(LINE);
        }
        Path file = work.resolve("model-" + events + ".wrn");
        learner.writeModel(file);
        return Files.readAllBytes(file);
    }

    private static List<Announcement> announced(String bootstrap) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(Topics.models(LOOP), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<Announcement> out = new ArrayList<>();
            while (consumer.position(tp) < end) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    Announcement a = Announcement.parse(r.value().getBytes(StandardCharsets.UTF_8));
                    assertThat(r.key()).isEqualTo(a.key());
                    out.add(a);
                }
            }
            return out;
        }
    }

    private ApiServer.Settings instance(String name, String bootstrap, Path store) {
        return new ApiServer.Settings("127.0.0.1", 0, work.resolve(name), LOOP, List.of(), Policy.DEFAULT,
                ServiceConfiguration.defaults(), null, "key", "admin", bootstrap, store, 0);
    }

    @Test
    void importsRollbacksAndResetsReachEveryInstanceAndTheTrainer() throws Exception {
        Path store = work.resolve("store");
        try (KafkaClusterTestKit kafka = TestKafka.start()) {
            String bootstrap = kafka.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(Topics.models(LOOP), Optional.of(1), Optional.empty())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                        .all().get();
            }
            try (ApiServer a = ApiServer.start(instance("a", bootstrap, store));
                 ApiServer b = ApiServer.start(instance("b", bootstrap, store))) {
                assertThat(versions(a).get("versions")).isEmpty();

                // Import on instance a: version 1 in the store, served by both.
                byte[] imported = model(Policy.DEFAULT.arguments(), 3);
                assertThat(send(a, "PUT", "/model", imported).statusCode()).isEqualTo(204);
                assertThat(store.resolve(LOOP + "/1.wrn")).hasBinaryContent(imported);
                awaitServed(a, "1");
                awaitServed(b, "1");
                assertThat(send(b, "GET", "/model", null).body()).isEqualTo(imported);

                // The trainer announces version 2: both serve it.
                byte[] trained = model(Policy.DEFAULT.arguments(), 20);
                String sha2 = new ModelStore(store).write(LOOP, 2, f -> Files.write(f, trained));
                Announcement v2 = new Announcement("2", ModelStore.relativePath(LOOP, 2), sha2, Instant.now(), 20,
                        Policy.DEFAULT.arguments(), Announcement.Origin.TRAINED);
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                        new StringSerializer(), new StringSerializer())) {
                    producer.send(new ProducerRecord<>(Topics.models(LOOP), v2.key(), v2.toJson())).get();
                }
                awaitServed(a, "2");
                awaitServed(b, "2");

                // Roll back on instance b: both serve version 1 again.
                assertThat(send(b, "POST", "/model/rollback", "{\"version\":\"1\"}".getBytes()).statusCode()).isEqualTo(204);
                awaitServed(b, "1");
                awaitServed(a, "1");
                assertThat(send(a, "GET", "/model", null).body()).isEqualTo(imported);
                JsonNode listed = versions(a).get("versions");
                assertThat(listed).hasSize(2);
                assertThat(listed.get(0).get("version").asText()).isEqualTo("2");
                assertThat(listed.get(1).get("origin").asText()).isEqualTo("rollback");

                // What cannot be done is refused with a clear body.
                HttpResponse<byte[]> unknown = send(a, "POST", "/model/rollback", "{\"version\":\"9\"}".getBytes());
                assertThat(unknown.statusCode()).isEqualTo(404);
                assertThat(new String(unknown.body())).contains("never announced");
                assertThat(send(a, "POST", "/model/rollback", "{\"v\":1}".getBytes()).statusCode()).isEqualTo(400);
                assertThat(send(a, "POST", "/model/rollback", "nope".getBytes()).statusCode()).isEqualTo(400);
                assertThat(send(a, "GET", "/model/rollback", null).statusCode()).isEqualTo(405);
                HttpResponse<byte[]> otherPolicy = send(a, "PUT", "/model",
                        model("--cb_explore_adf --epsilon 0.3 -q ::", 1));
                assertThat(otherPolicy.statusCode()).isEqualTo(400);
                assertThat(new String(otherPolicy.body())).contains("the loop's policy is");
                assertThat(http.send(HttpRequest.newBuilder(URI.create(a.url() + "/personalizer/v1.0/model/versions"))
                        .header("Ocp-Apim-Subscription-Key", "key").build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode()).isEqualTo(403);

                // Reset on instance a: both go back to uniform draws.
                assertThat(send(a, "DELETE", "/model", null).statusCode()).isEqualTo(204);
                awaitServed(a, "");
                awaitServed(b, "");
                assertThat(send(b, "GET", "/model", null).statusCode()).isEqualTo(404);

                List<Announcement> log = announced(bootstrap);
                assertThat(log).extracting(Announcement::origin).containsExactly(Announcement.Origin.IMPORTED,
                        Announcement.Origin.TRAINED, Announcement.Origin.ROLLED_BACK, Announcement.Origin.RESET);
                Announcement first = log.get(0);
                assertThat(first.version()).isEqualTo("1");
                assertThat(first.sha256()).isEqualTo(ModelDigest.sha256(store.resolve(first.path())));
                assertThat(first.arguments()).isEqualTo(Policy.DEFAULT.arguments());
                assertThat(log.get(2).sha256()).isEqualTo(first.sha256());
            }
        }
    }

    @Test
    void withoutKafkaThereAreNoVersionsToRollBackTo() throws Exception {
        try (ApiServer server = ApiServer.start(instance("alone", null, null))) {
            HttpResponse<byte[]> response = send(server, "GET", "/model/versions", null);
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(new String(response.body())).contains("OperationNotAllowed");
            assertThat(send(server, "POST", "/model/rollback", "{\"version\":\"1\"}".getBytes()).statusCode())
                    .isEqualTo(409);
        }
    }
}
