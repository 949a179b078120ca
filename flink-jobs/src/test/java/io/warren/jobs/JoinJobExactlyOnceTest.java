package io.warren.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.loop.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JoinJob on Flink's MiniCluster with a real KRaft broker, RocksDB state and transactional sinks: while
 * decisions and rewards stream in, the job is cancelled mid-stream and started again from its last
 * retained checkpoint; every event must come out of {@code warren.<loop>.joined} exactly once (as a
 * read_committed consumer sees it) with the reward the loop's settings give it.
 */
class JoinJobExactlyOnceTest {
    private static final String LOOP = "join-it";
    private static final int EVENTS = 1200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KafkaForJobs kafka;

    @TempDir
    Path work;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaForJobs.start();
        kafka.createTopics(Map.of(Topics.decisions(LOOP), 2, Topics.rewards(LOOP), 2, Topics.config(LOOP), 1,
                Topics.joined(LOOP), 2, Topics.late(LOOP), 1), Set.of(Topics.config(LOOP)));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    /** Event i's rewards: i%3 != 0 gets (i%10)/10, and i%5 == 0 of those 0.05 more (the loop sums). */
    private static float expectedReward(int i) {
        if (i % 3 == 0) {
            return 0f;
        }
        return (i % 10) / 10f + (i % 5 == 0 ? 0.05f : 0f);
    }

    private JobClient startJob(Path restoreFrom) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                JobConfig.of(work.resolve("checkpoints"), Duration.ofSeconds(2), restoreFrom));
        env.setParallelism(2);
        JoinJob.define(env, new JoinJob.Settings(kafka.bootstrap(), Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofMinutes(2), Duration.ofMinutes(10), "join-it"));
        return env.executeAsync("join-it");
    }

    @Test
    void everyEventIsJoinedExactlyOnceAcrossAKillAndARestore() throws Exception {
        JoinTraffic traffic = new JoinTraffic(kafka, LOOP, 2);
        try (KafkaProducer<String, String> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.config(LOOP), LOOP, "{\"loop\":\"" + LOOP + "\",\"service\":"
                    + "{\"rewardWaitTime\":\"PT2S\",\"defaultReward\":0,\"rewardAggregation\":\"sum\"}}")).get();
            JobClient first = startJob(null);
            // Until the job is up and joining: probe until one decision joins.
            int probes = traffic.awaitSettingsApplied(producer);

            AtomicInteger sent = new AtomicInteger();
            Thread sender = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < EVENTS; i++) {
                    long now = System.currentTimeMillis();
                    String id = "e" + i;
                    producer.send(new ProducerRecord<>(Topics.decisions(LOOP), id, traffic.decision(id, now)));
                    if (i % 3 != 0) {
                        producer.send(new ProducerRecord<>(Topics.rewards(LOOP), id, JoinTraffic.reward(id, now + 50, (i % 10) / 10f)));
                    }
                    if (i % 3 != 0 && i % 5 == 0) {
                        producer.send(new ProducerRecord<>(Topics.rewards(LOOP), id, JoinTraffic.reward(id, now + 80, 0.05f)));
                    }
                    sent.incrementAndGet();
                    sleepQuietly(5);
                }
                producer.flush();
            });
            while (sent.get() < EVENTS / 3) {
                Thread.sleep(20);
            }
            Path checkpoint = JoinTraffic.awaitCheckpoint(work.resolve("checkpoints"), first);
            // Half-way to the next checkpoint: events joined since the last one are in an open transaction.
            Thread.sleep(1000);
            first.cancel().get();
            Path retained = JoinTraffic.latestCheckpoint(work.resolve("checkpoints"), first);
            assertThat(retained).as("a checkpoint retained on cancel").isNotNull();
            assertThat(sent.get()).as("the job was killed mid-stream").isLessThan(EVENTS);
            JobClient second = startJob(retained);
            sender.join();

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Map<String, JsonNode> joined = traffic.awaitTraffic(EVENTS, deadline);
            // Past every window: whatever would come twice has had time to.
            Thread.sleep(3000);
            joined = traffic.joined();
            second.cancel().get();

            assertThat(checkpoint).isNotNull();
            for (int i = 0; i < EVENTS; i++) {
                JoinTraffic.assertJoined(joined, i, expectedReward(i));
            }
            assertThat(JoinTraffic.trafficJoined(joined)).isEqualTo(EVENTS);
            // Besides the traffic only the probes, every one of them: even one read before the broadcast brought
            // the loop's settings waited the configured 2 s, which the join looked up in the config topic.
            assertThat(joined.keySet()).allMatch(id -> id.startsWith("e") || id.startsWith("probe-"));
            assertThat(joined.size() - EVENTS).isEqualTo(probes);
            assertThat(kafka.readCommitted(Topics.late(LOOP), 1)).isEmpty();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
