package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.loop.Topics;
import io.warren.core.model.ModelFile;
import io.warren.core.model.ModelState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API serves what {@code warren.<loop>.models} announces, on a real broker: a new version within
 * seconds, a rollback by announcing an older one again, and a bad file (wrong SHA-256) leaves the model
 * being served as it was.
 */
class ModelSwapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] RANK = ("{\"contextFeatures\":[{\"u\":{\"m\":\"x\"}}],\"actions\":["
            + "{\"id\":\"a\",\"features\":[{\"k\":1}]},{\"id\":\"b\",\"features\":[{\"k\":2}]}]}")
            .getBytes(StandardCharsets.UTF_8);
    private static KafkaClusterTestKit kafka;

    @TempDir
    Path store;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private String writeModel(String name, float epsilon) throws Exception {
        return writeModel(name, "--cb_explore_adf --epsilon " + epsilon + " -q ::");
    }

    private String writeModel(String name, String arguments) throws Exception {
        Policy policy = new Policy(name, arguments);
        LearnerStack stack = LearnerStack.build(policy.options());
        ModelState state = new ModelState();
        stack.save(state);
        Path file = store.resolve(name);
        ModelFile.write(file, policy.arguments(), state, stack.weights);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static String announcement(String version, String path, String sha256) {
        return "{\"version\":" + version + ",\"path\":\"" + path + "\",\"sha256\":\"" + sha256
                + "\",\"createdAt\":\"2026-12-01T00:00:00Z\",\"trainedEvents\":10,\"arguments\":\"\"}";
    }

    private static String servedVersion(RankService ranks) throws Exception {
        return JSON.readTree(ranks.rank(RANK, "Online").decision()).get("VWState").get("m").asText();
    }

    private static void awaitServed(RankService ranks, String version) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!servedVersion(ranks).equals(version) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(servedVersion(ranks)).isEqualTo(version);
    }

    @Test
    void servesEachAnnouncedModelRollsBackAndRefusesABadFile() throws Exception {
        String sha1 = writeModel("v1.wrn", 0.1f);
        String sha2 = writeModel("v2.wrn", 0.3f);
        assertThat(sha1).isNotEqualTo(sha2);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        RankService ranks = new RankService("swap", () -> new io.warren.core.rank.Ranker(
                LearnerStack.build(Policy.DEFAULT.options()), false, ""), 2, java.time.Clock.systemUTC());
        String topic = Topics.models("swap");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p);
             ModelWatcher watcher = new ModelWatcher("swap", kafka.bootstrapServers(), new io.warren.core.model.ModelStore(store), ranks,
                     () -> Policy.DEFAULT)) {
            assertThat(servedVersion(ranks)).isEmpty();
            producer.send(new ProducerRecord<>(topic, "1", announcement("1", "v1.wrn", sha1))).get();
            awaitServed(ranks, "1");
            producer.send(new ProducerRecord<>(topic, "2", announcement("2", "v2.wrn", sha2))).get();
            awaitServed(ranks, "2");
            producer.send(new ProducerRecord<>(topic, "1", announcement("1", "v1.wrn", sha1))).get();
            awaitServed(ranks, "1");
            producer.send(new ProducerRecord<>(topic, "3", announcement("3", "v2.wrn", sha1))).get();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (watcher.lastProblem() == null && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(watcher.lastProblem()).contains("model 3 not served").contains("SHA-256");
            assertThat(servedVersion(ranks)).isEqualTo("1");
            producer.send(new ProducerRecord<>(topic, "4", announcement("4", "../escape.wrn", sha1))).get();
            while (!String.valueOf(watcher.lastProblem()).contains("model 4") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(watcher.lastProblem()).contains("leaves the model store");
            String shaGreedy = writeModel("adf.wrn", "--cb_adf");
            producer.send(new ProducerRecord<>(topic, "5", announcement("5", "adf.wrn", shaGreedy))).get();
            while (!String.valueOf(watcher.lastProblem()).contains("model 5") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(watcher.lastProblem()).contains("not an exploring --cb_explore_adf or --ccb_explore_adf policy");
            // A multi-slot model is not swapped into a loop whose policy ranks single slots.
            String shaSlots = writeModel("ccb.wrn", "--ccb_explore_adf --epsilon 0.1 -q ::");
            producer.send(new ProducerRecord<>(topic, "6", announcement("6", "ccb.wrn", shaSlots))).get();
            while (!String.valueOf(watcher.lastProblem()).contains("model 6") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(watcher.lastProblem()).contains("the model fills slots (--ccb_explore_adf)");
            assertThat(ranks.served().version()).isEqualTo("1");
            assertThat(servedVersion(ranks)).isEqualTo("1");
        }
    }
}
