package io.warren.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.loop.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar ({@code target/warren-flink-jobs-job.jar}) on a standalone Flink cluster that
 * {@code ops/flink-cluster/cluster.sh} starts: a JobManager and two TaskManagers as separate processes,
 * Flink's jars from {@code ops/flink-cluster/pom.xml}, the job submitted with {@code flink run}. JoinJob
 * reads a real broker's decisions, rewards and loop config, and what a read_committed reader sees on
 * {@code warren.<loop>.joined} is every event once, with the reward the loop's settings give it.
 *
 * <p>Runs in failsafe's integration-test phase, after package has built the job jar.
 */
class StandaloneClusterTest {
    private static final String LOOP = "cluster-it";
    private static final int EVENTS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private KafkaForJobs kafka;

    private static Path jobJar() {
        Path jar = Path.of(System.getProperty("warren.flink.jobJar", "target/warren-flink-jobs-job.jar"));
        assertThat(jar).as("the job jar: built by `./mvnw -pl flink-jobs package` (this test runs in verify)")
                .isRegularFile();
        return jar;
    }

    /**
     * Event i: i%3 == 0 no reward (the default 0); i%3 == 1 one reward (i%10)/10; i%3 == 2 two rewards, the
     * later-stamped 0.2 sent first and the earlier-stamped 0.7 second: {@code earliest} takes 0.7.
     */
    private static float expectedReward(int i) {
        return switch (i % 3) {
            case 0 -> 0f;
            case 1 -> (i % 10) / 10f;
            default -> 0.7f;
        };
    }

    @Test
    void theJobJarJoinsOnAStandaloneClusterStartedByTheScript() throws Throwable {
        Path jar = jobJar();
        FlinkClusterScript cluster = new FlinkClusterScript(FlinkClusterScript.repositoryRoot(),
                Files.createDirectories(work.resolve("flink-cluster")));
        long began = System.nanoTime();
        // The cluster's three JVMs start while the broker does.
        CompletableFuture<Void> clusterUp = CompletableFuture.runAsync(() -> {
            try {
                cluster.start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            kafka = KafkaForJobs.start();
            kafka.createTopics(Map.of(Topics.decisions(LOOP), 2, Topics.rewards(LOOP), 2, Topics.config(LOOP), 1,
                    Topics.joined(LOOP), 2, Topics.late(LOOP), 1), Set.of(Topics.config(LOOP)));
            JoinTraffic traffic = new JoinTraffic(kafka, LOOP, 2);
            try (KafkaProducer<String, String> producer = kafka.producer()) {
                producer.send(new ProducerRecord<>(Topics.config(LOOP), LOOP, "{\"loop\":\"" + LOOP + "\",\"service\":"
                        + "{\"rewardWaitTime\":\"PT1S\",\"defaultReward\":0,\"rewardAggregation\":\"earliest\"}}")).get();
                System.out.printf("broker up after %.1f s%n", (System.nanoTime() - began) / 1e9);
                await(clusterUp);
                assertThat(cluster.rest("/overview")).contains("\"taskmanagers\":2");
                String jobId = cluster.submit(jar, "--kafka", kafka.bootstrap(), "--quiet", "PT0.5S",
                        "--out-of-orderness", "PT0.5S", "--transactional-id-prefix", LOOP);
                awaitRunning(cluster, jobId);
                System.out.printf("job running after %.1f s%n", (System.nanoTime() - began) / 1e9);
                // A decision read before the loop's settings waits the default 10 minutes: probe until one joins.
                long probing = System.nanoTime();
                int probes = traffic.awaitSettingsApplied(producer);
                System.out.printf("settings applied: probe %d joined after %.1f s%n", probes,
                        (System.nanoTime() - probing) / 1e9);

                for (int i = 0; i < EVENTS; i++) {
                    long now = System.currentTimeMillis();
                    String id = "e" + i;
                    producer.send(new ProducerRecord<>(Topics.decisions(LOOP), id, traffic.decision(id, now)));
                    if (i % 3 == 1) {
                        producer.send(new ProducerRecord<>(Topics.rewards(LOOP), id, JoinTraffic.reward(id, now + 50, (i % 10) / 10f)));
                    } else if (i % 3 == 2) {
                        producer.send(new ProducerRecord<>(Topics.rewards(LOOP), id, JoinTraffic.reward(id, now + 80, 0.2f)));
                        producer.send(new ProducerRecord<>(Topics.rewards(LOOP), id, JoinTraffic.reward(id, now + 50, 0.7f)));
                    }
                }
                producer.flush();

                long sent = System.nanoTime();
                long deadline = sent + Duration.ofSeconds(40).toNanos();
                Map<String, JsonNode> joined = traffic.awaitTraffic(EVENTS, deadline);
                System.out.printf("%d of %d events joined %.1f s after they were sent%n", JoinTraffic.trafficJoined(joined), EVENTS,
                        (System.nanoTime() - sent) / 1e9);
                for (int i = 0; i < EVENTS; i++) {
                    JsonNode line = JoinTraffic.assertJoined(joined, i, expectedReward(i));
                    assertThat(line.get("o")).as("rewards of e%d", i).hasSize(i % 3 == 0 ? 0 : i % 3);
                }
                assertThat(JoinTraffic.trafficJoined(joined)).isEqualTo(EVENTS);
                assertThat(joined.keySet()).allMatch(id -> id.startsWith("e") || id.startsWith("probe-"));
                assertThat(joined.size() - EVENTS).isBetween(1, probes);
                assertThat(kafka.readCommitted(Topics.late(LOOP), 1)).isEmpty();
                assertThat(cluster.rest("/jobs/overview")).contains(jobId).contains("\"state\":\"RUNNING\"");
            }
        } catch (Throwable failure) {
            System.out.println("cluster logs:\n" + cluster.logTails(60));
            throw failure;
        } finally {
            try {
                // Not while start is still at work: stop would miss what it starts next.
                clusterUp.exceptionally(e -> null).join();
                cluster.stop();
            } finally {
                if (kafka != null) {
                    kafka.close();
                }
            }
        }
    }

    private static void await(CompletableFuture<Void> step) throws Throwable {
        try {
            step.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        }
    }

    private static void awaitRunning(FlinkClusterScript cluster, String jobId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String job = "";
        while (System.nanoTime() < deadline) {
            job = cluster.rest("/jobs/" + jobId);
            JsonNode vertices = JSON.readTree(job).path("vertices");
            // Every task of every vertex running (not still being scheduled, deployed or initialized).
            boolean running = !vertices.isEmpty();
            for (JsonNode vertex : vertices) {
                running &= vertex.path("tasks").path("RUNNING").asInt() == vertex.path("parallelism").asInt();
            }
            if (running) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + jobId + " not running: " + job);
    }

}
