package io.warren.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.driver.DsJsonLearner;
import io.warren.core.driver.LearnerStack;
import io.warren.core.driver.TrainRun;
import io.warren.core.loop.Topics;
import io.warren.core.model.Announcement;
import io.warren.core.model.ModelFile;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.RankableAction;
import io.warren.core.rank.Ranker;
import io.warren.core.rank.RawJson;
import io.warren.core.rank.Ranking;
import io.warren.jobs.JobConfig;
import io.warren.jobs.JoinTraffic;
import io.warren.jobs.KafkaForJobs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TrainJob on Flink's MiniCluster with a real KRaft broker and RocksDB checkpoints: joined lines in,
 * model files in the store and announcements on {@code warren.<loop>.models} out; a kill and a restore
 * from the retained checkpoint; a policy change that retrains from the log; a LoggingOnly loop.
 */
class TrainJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] USERS = {"a", "b"};
    /** User a is rewarded for item 0, user b for item 2. */
    private static final int[] LIKES = {0, 2};
    private static final int ITEMS = 3;

    private static KafkaForJobs kafka;

    @TempDir
    Path work;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaForJobs.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private static void createLoop(String loop, int joinedPartitions) throws Exception {
        kafka.createTopics(Map.of(Topics.joined(loop), joinedPartitions, Topics.config(loop), 1, Topics.models(loop), 1),
                Set.of(Topics.config(loop), Topics.models(loop)));
    }

    private static String config(String loop, String mode, String arguments, String rewardWait) {
        return "{\"loop\":\"" + loop + "\",\"service\":{\"rewardWaitTime\":\"" + rewardWait + "\",\"defaultReward\":0,"
                + "\"rewardAggregation\":\"earliest\",\"explorationPercentage\":0.2,\"modelExportFrequency\":\"PT0.2S\","
                + "\"logRetentionDays\":90,\"learningMode\":\"" + mode + "\",\"isAutoOptimizationEnabled\":false,"
                + "\"autoOptimizationFrequency\":\"P7D\",\"modelRetrainDays\":4},\"policy\":{\"name\":\"test\","
                + "\"arguments\":\"" + arguments + "\"}}";
    }

    /** Joined lines as the join writes them for the API's decisions: the logged item drawn uniformly. */
    private static List<String> lines(String loop, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> out = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            int user = r.nextInt(USERS.length);
            int chosen = r.nextInt(ITEMS);
            float reward = chosen == LIKES[user] ? 1f : 0f;
            StringBuilder j = new StringBuilder();
            j.append("{\"_label_cost\":").append(-reward).append(",\"_label_probability\":0.33333334,\"_label_Action\":")
                    .append(chosen + 1).append(",\"_labelIndex\":").append(chosen).append(",\"o\":[{\"v\":").append(reward)
                    .append(",\"EventId\":\"").append(loop).append('-').append(e).append("\",\"ActionTaken\":false}],")
                    .append("\"EventId\":\"").append(loop).append('-').append(e).append("\",\"Timestamp\":\"")
                    .append(Instant.now()).append("\",\"Version\":\"1\",\"a\":[").append(chosen + 1);
            for (int k = 0; k < ITEMS; k++) {
                if (k != chosen) {
                    j.append(',').append(k + 1);
                }
            }
            j.append("],\"p\":[0.33333334,0.33333334,0.33333334],\"c\":{\"FromUrl\":[{\"user\":{\"type\":\"")
                    .append(USERS[user]).append("\"}}],\"_multi\":[");
            for (int k = 0; k < ITEMS; k++) {
                j.append(k == 0 ? "" : ",").append("{\"_tag\":\"i").append(k).append("\",\"i\":{\"constant\":1,\"id\":\"i")
                        .append(k).append("\"},\"j\":[{\"kind\":\"k").append(k).append("\"}]}");
            }
            j.append("]},\"VWState\":{\"m\":\"\"},\"DeferredAction\":false,\"_learningMode\":\"Online\",\"_loop\":\"")
                    .append(loop).append("\"}");
            out.add(j.toString());
        }
        return out;
    }

    private static void send(KafkaProducer<String, String> producer, String loop, List<String> lines) throws Exception {
        for (String line : lines) {
            producer.send(new ProducerRecord<>(Topics.joined(loop), JSON.readTree(line).get("EventId").asText(), line));
        }
        producer.flush();
    }

    private Path store() {
        return work.resolve("models");
    }

    private JobClient startJob(String name, Path restoreFrom, int parallelism) throws Exception {
        Configuration conf = JobConfig.of(work.resolve("checkpoints"), Duration.ofSeconds(1), restoreFrom);
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        TrainJob.define(env, new TrainJob.Settings(kafka.bootstrap(), store(), "train-" + name, Duration.ofSeconds(30)));
        return env.executeAsync(name);
    }

    /** The versions the job announced (an admin's rollbacks and resets left out). */
    private static List<JsonNode> announcements(String loop) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : kafka.readCommitted(Topics.models(loop), 1)) {
            JsonNode a = JSON.readTree(r.value());
            if (a.get("origin").asText().equals("train")) {
                assertThat(r.key()).isEqualTo(a.get("version").asText());
                out.add(a);
            }
        }
        return out;
    }

    /** Waits for an announcement that matches; returns every announcement up to and including it. */
    private static List<JsonNode> awaitAnnouncement(String loop, Predicate<JsonNode> wanted, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> all = announcements(loop);
            for (int i = 0; i < all.size(); i++) {
                if (wanted.test(all.get(i))) {
                    return all.subList(0, i + 1);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such announcement on " + Topics.models(loop) + ": " + announcements(loop));
    }

    private static long version(JsonNode announcement) {
        return Long.parseLong(announcement.get("version").asText());
    }

    /** Every announcement names a file in the store with the announced SHA-256; versions strictly increase. */
    private void checkAnnouncements(String loop, List<JsonNode> all) throws IOException {
        long previous = 0;
        long trained = 0;
        for (JsonNode a : all) {
            assertThat(version(a)).as("versions increase: %s", all).isGreaterThan(previous);
            previous = version(a);
            assertThat(a.get("path").asText()).isEqualTo(loop + "/" + a.get("version").asText() + ".wrn");
            Path file = store().resolve(a.get("path").asText());
            assertThat(file).exists();
            assertThat(io.warren.core.model.ModelDigest.sha256(file)).isEqualTo(a.get("sha256").asText());
            assertThat(Instant.parse(a.get("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(a.get("trainedEvents").asLong()).isGreaterThanOrEqualTo(trained);
            trained = a.get("trainedEvents").asLong();
        }
    }

    private Path model(JsonNode announcement) {
        return store().resolve(announcement.get("path").asText());
    }

    /** The model {@code warren train --dsjson -f} makes of {@code lines} in this order. */
    private byte[] trainRun(String arguments, List<String> lines) throws IOException {
        Path data = Files.write(work.resolve("trainrun.json"), lines);
        List<String> args = new ArrayList<>(Arrays.asList(arguments.split(" ")));
        args.addAll(List.of("--dsjson", "--quiet", "-d", data.toString(), "-f", "trainrun.wrn"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work).run(args);
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return Files.readAllBytes(work.resolve("trainrun.wrn"));
    }

    /** The item a served model gives the highest probability to for {@code user}. */
    private static int favourite(Path model, String user) throws IOException {
        Ranker ranker = new Ranker(LearnerStack.load(model), true, "test");
        List<RankableAction> items = new ArrayList<>();
        for (int k = 0; k < ITEMS; k++) {
            items.add(new RankableAction("i" + k, List.of(RawJson.of("{\"kind\":\"k" + k + "\"}"))));
        }
        Ranking ranking = ranker.rank(new RankRequest(List.of(RawJson.of("{\"user\":{\"type\":\"" + user + "\"}}")), items, List.of(),
                "probe", false), "probe", "test");
        int best = -1;
        float bestProbability = -1f;
        for (int k = 0; k < ranking.order().length; k++) {
            if (ranking.probabilities()[k] > bestProbability) {
                bestProbability = ranking.probabilities()[k];
                best = ranking.actionAt(k);
            }
        }
        return best;
    }

    @Test
    void learnsEveryLoopEventAndAnnouncesVersionsTheApiCanServe() throws Exception {
        String loop = "train-it";
        createLoop(loop, 2);
        List<String> lines = lines(loop, 300, 1);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                    config(loop, "Online", TrainConfig.DEFAULT_ARGUMENTS, "PT10M"))).get();
            send(producer, loop, lines.subList(0, 100));
            JobClient job = startJob(loop, null, 2);
            try {
                awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == 100, Duration.ofSeconds(60));
                send(producer, loop, lines.subList(100, 200));
                Thread.sleep(500);
                send(producer, loop, lines.subList(200, 300));
                List<JsonNode> all = awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == 300,
                        Duration.ofSeconds(60));
                // Nothing new to learn: no more versions.
                Thread.sleep(1500);
                assertThat(announcements(loop)).hasSameSizeAs(all);
                assertThat(all.size()).isGreaterThanOrEqualTo(2);
                checkAnnouncements(loop, all);
                JsonNode last = all.get(all.size() - 1);
                assertThat(last.get("arguments").asText()).isEqualTo(TrainConfig.DEFAULT_ARGUMENTS);
                assertThat(LearnerStack.load(model(last)).servesRanks()).isTrue();
                for (int u = 0; u < USERS.length; u++) {
                    assertThat(favourite(model(last), USERS[u])).as("user %s", USERS[u]).isEqualTo(LIKES[u]);
                }
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void aRestoredJobContinuesTheModelExactlyAndNeverReusesAVersion() throws Exception {
        String loop = "train-restore";
        createLoop(loop, 1);
        int events = 600;
        List<String> lines = lines(loop, events, 2);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                    config(loop, "Online", TrainConfig.DEFAULT_ARGUMENTS, "PT10M"))).get();
            JobClient first = startJob(loop, null, 2);
            AtomicInteger sent = new AtomicInteger();
            CountDownLatch restored = new CountDownLatch(1);
            Thread traffic = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < events; i++) {
                        if (i == events * 3 / 4) {
                            // The rest goes to the restored job only (what came before was read by both).
                            restored.await();
                        }
                        producer.send(new ProducerRecord<>(Topics.joined(loop), null, lines.get(i)));
                        sent.incrementAndGet();
                        Thread.sleep(20);
                    }
                    producer.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            awaitAnnouncement(loop, a -> true, Duration.ofSeconds(60));
            assertThat(JoinTraffic.awaitCheckpoint(work.resolve("checkpoints"), first)).as("a checkpoint while events stream in").isNotNull();
            Thread.sleep(700);
            first.cancel().get();
            int sentAtCancel = sent.get();
            Path retained = JoinTraffic.latestCheckpoint(work.resolve("checkpoints"), first);
            assertThat(retained).as("a checkpoint retained on cancel").isNotNull();
            List<JsonNode> beforeRestore = announcements(loop);
            assertThat(beforeRestore).as("the first job exported models").isNotEmpty();

            JobClient second = startJob(loop, retained, 2);
            restored.countDown();
            try {
                traffic.join();
                assertThat(sentAtCancel).as("the job was cancelled mid-stream").isLessThan(events);
                List<JsonNode> all = awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == events,
                        Duration.ofSeconds(90));
                checkAnnouncements(loop, all);
                Set<String> versions = new HashSet<>();
                for (JsonNode a : all) {
                    assertThat(versions.add(a.get("version").asText())).as("version %s announced once", a).isTrue();
                }
                assertThat(all.size()).isGreaterThan(beforeRestore.size());
                // Exactly the model of one uninterrupted pass over the partition, in order.
                assertThat(Files.readAllBytes(model(all.get(all.size() - 1))))
                        .isEqualTo(trainRun(TrainConfig.DEFAULT_ARGUMENTS, lines));
            } finally {
                second.cancel().get();
            }
        }
    }

    @Test
    void aPolicyOrRewardChangeRetrainsFromTheJoinedLog() throws Exception {
        String loop = "train-policy";
        createLoop(loop, 1);
        List<String> lines = lines(loop, 200, 3);
        String changed = "--cb_explore_adf --epsilon 0.1 --power_t 0 -l 0.01 --cb_type ips -q ::";
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                    config(loop, "Online", TrainConfig.DEFAULT_ARGUMENTS, "PT10M"))).get();
            send(producer, loop, lines);
            JobClient job = startJob(loop, null, 1);
            try {
                List<JsonNode> before = awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == 200,
                        Duration.ofSeconds(60));
                Thread.sleep(1000);
                producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                        config(loop, "Online", changed, "PT10M"))).get();
                List<JsonNode> after = awaitAnnouncement(loop, a -> a.get("arguments").asText().equals(changed),
                        Duration.ofSeconds(60));
                JsonNode retrained = after.get(after.size() - 1);
                assertThat(retrained.get("trainedEvents").asLong()).isEqualTo(200);
                assertThat(version(retrained)).isGreaterThan(version(before.get(before.size() - 1)));
                assertThat(ModelFile.readHeader(model(retrained)).arguments()).contains("--cb_type ips");
                assertThat(Files.readAllBytes(model(retrained))).isEqualTo(trainRun(changed, lines));

                // Reward settings: the events' costs mean something else, so the model is retrained too.
                int announced = announcements(loop).size();
                producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                        config(loop, "Online", changed, "PT30S"))).get();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (announcements(loop).size() == announced && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                List<JsonNode> all = announcements(loop);
                assertThat(all).hasSize(announced + 1);
                assertThat(all.get(all.size() - 1).get("trainedEvents").asLong()).isEqualTo(200);
                checkAnnouncements(loop, all);
            } finally {
                job.cancel().get();
            }
        }
    }

    /** The model a learner continuing from {@code start} (null: a fresh one) makes of {@code lines}. */
    private byte[] continued(Path start, long learnedBefore, List<String> lines) throws IOException {
        DsJsonLearner learner = start == null ? DsJsonLearner.fresh(TrainConfig.DEFAULT_ARGUMENTS)
                : DsJsonLearner.fromModel(TrainConfig.DEFAULT_ARGUMENTS, start, learnedBefore);
        for (String line : lines) {
            assertThat(learner.learn(line)).isEqualTo(DsJsonLearner.Outcome.LEARNED);
        }
        Path file = work.resolve("continued.wrn");
        learner.writeModel(file);
        return Files.readAllBytes(file);
    }

    @Test
    void afterARollbackOrAResetTrainingContinuesFromThatModel() throws Exception {
        String loop = "train-rollback";
        createLoop(loop, 1);
        List<String> lines = lines(loop, 280, 5);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                    config(loop, "Online", TrainConfig.DEFAULT_ARGUMENTS, "PT10M"))).get();
            send(producer, loop, lines.subList(0, 100));
            JobClient job = startJob(loop, null, 1);
            try {
                List<JsonNode> first = awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == 100,
                        Duration.ofSeconds(60));
                JsonNode older = first.get(first.size() - 1);
                send(producer, loop, lines.subList(100, 200));
                List<JsonNode> second = awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == 200,
                        Duration.ofSeconds(60));
                long newest = version(second.get(second.size() - 1));

                // An admin rolls back to the older version: the trainer goes on from it, not from what it had.
                Announcement rollback = Announcement.parse(older.toString().getBytes(StandardCharsets.UTF_8))
                        .again(Announcement.Origin.ROLLED_BACK, Instant.now());
                producer.send(new ProducerRecord<>(Topics.models(loop), rollback.key(), rollback.toJson())).get();
                Thread.sleep(3000);
                send(producer, loop, lines.subList(200, 250));
                JsonNode afterRollback = awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == 150,
                        Duration.ofSeconds(60)).getLast();
                assertThat(version(afterRollback)).isGreaterThan(newest);
                assertThat(Files.readAllBytes(model(afterRollback)))
                        .isEqualTo(continued(model(older), 100, lines.subList(200, 250)));

                // A reset: the trainer starts afresh (no retrain from the log).
                Announcement reset = Announcement.reset(Instant.now());
                producer.send(new ProducerRecord<>(Topics.models(loop), reset.key(), reset.toJson())).get();
                Thread.sleep(3000);
                send(producer, loop, lines.subList(250, 280));
                JsonNode afterReset = awaitAnnouncement(loop, a -> a.get("trainedEvents").asLong() == 30,
                        Duration.ofSeconds(60)).getLast();
                assertThat(version(afterReset)).isGreaterThan(version(afterRollback));
                assertThat(Files.readAllBytes(model(afterReset))).isEqualTo(continued(null, 0, lines.subList(250, 280)));
            } finally {
                job.cancel().get();
            }
        }
    }

    @Test
    void aLoggingOnlyLoopIsNotTrainedUntilItLearnsAgain() throws Exception {
        String loop = "train-logging";
        createLoop(loop, 1);
        List<String> lines = lines(loop, 100, 4);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                    config(loop, "LoggingOnly", TrainConfig.DEFAULT_ARGUMENTS, "PT10M"))).get();
            JobClient job = startJob(loop, null, 1);
            try {
                send(producer, loop, lines);
                Thread.sleep(6000);
                assertThat(announcements(loop)).as("no model for a LoggingOnly loop").isEmpty();
                producer.send(new ProducerRecord<>(Topics.config(loop), loop,
                        config(loop, "Apprentice", TrainConfig.DEFAULT_ARGUMENTS, "PT10M"))).get();
                List<JsonNode> all = awaitAnnouncement(loop, a -> true, Duration.ofSeconds(60));
                assertThat(all.get(0).get("trainedEvents").asLong()).isEqualTo(100);
                checkAnnouncements(loop, all);
            } finally {
                job.cancel().get();
            }
        }
    }

    private static int number(Path checkpoint) {
        return Integer.parseInt(checkpoint.getFileName().toString().substring("chk-".length()));
    }
}
