package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool's records reach a real KRaft broker in order, once, across a drainer restart and a torn tail. */
class SpoolDrainTest {
    private static KafkaClusterTestKit kafka;

    @TempDir
    Path spool;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = TestKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    /**
     * Reads {@code topic} from the start, by assignment (no consumer group), read_committed as the jobs
     * read, until {@code expected} records came.
     */
    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            // A little longer: nothing beyond the expected records may arrive.
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    private static void appendAll(SpoolLog log, String topic, int from, int to) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = from; i < to; i++) {
            done.add(log.append(topic, "event-" + i, utf8("{\"n\":" + i + "}")));
        }
        done.forEach(CompletableFuture::join);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyRecordReachesItsTopicInOrderOnceAcrossARestart() throws Exception {
        String decisions = "warren.drain.decisions";
        String rewards = "warren.drain.rewards";
        try (SpoolLog log = new SpoolLog(spool)) {
            appendAll(log, decisions, 0, 500);
            appendAll(log, rewards, 0, 100);
            try (SpoolDrainer drainer = new SpoolDrainer(spool, kafka.bootstrapServers())) {
                assertThat(readAll(rewards, 100)).as("drainer failure: %s", drainer.lastFailure()).hasSize(100);
            }
            appendAll(log, decisions, 500, 1000);
            try (SpoolDrainer drainer = new SpoolDrainer(spool, kafka.bootstrapServers())) {
                List<ConsumerRecord<String, String>> got = readAll(decisions, 1000);
                assertThat(got).hasSize(1000);
                for (int i = 0; i < got.size(); i++) {
                    assertThat(got.get(i).key()).isEqualTo("event-" + i);
                    assertThat(got.get(i).value()).isEqualTo("{\"n\":" + i + "}");
                }
                assertThat(drainer.lastFailure()).isNull();
            }
        }
    }

    /** Stops the drainer's thread at {@code stage} of its first batch, as a crash would. */
    private static final class CrashOnce implements SpoolDrainer.CrashPoint {
        private final String stage;
        private final java.util.concurrent.CountDownLatch crashed = new java.util.concurrent.CountDownLatch(1);

        CrashOnce(String stage) {
            this.stage = stage;
        }

        @Override
        public void reached(String at) {
            if (at.equals(stage) && crashed.getCount() > 0) {
                crashed.countDown();
                throw new Error("crash " + at);
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"before-commit", "after-commit"})
    void aCrashAroundABatchCommitNeitherLosesNorRepeatsIt(String stage) throws Exception {
        String topic = "warren.crash-" + stage + ".decisions";
        try (SpoolLog log = new SpoolLog(spool)) {
            appendAll(log, topic, 0, 200);
        }
        CrashOnce crash = new CrashOnce(stage);
        try (SpoolDrainer crashing = new SpoolDrainer(spool, kafka.bootstrapServers(), crash)) {
            assertThat(crash.crashed.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
        assertThat(spool.resolve(topic + ".sending")).as("the crash left the batch unsettled").exists();
        try (SpoolLog log = new SpoolLog(spool)) {
            appendAll(log, topic, 200, 250);
            try (SpoolDrainer drainer = new SpoolDrainer(spool, kafka.bootstrapServers())) {
                List<ConsumerRecord<String, String>> got = readAll(topic, 250);
                assertThat(got).extracting(ConsumerRecord::key).as("every record once, in order (%s)", stage)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 250)
                                .mapToObj(i -> "event-" + i).toList());
                assertThat(drainer.lastFailure()).isNull();
            }
        }
        assertThat(spool.resolve(topic + ".sending")).doesNotExist();
    }

    @Test
    void aLineTornByACrashIsDroppedAndTheSpoolGoesOn() throws Exception {
        String topic = "warren.torn.decisions";
        try (SpoolLog log = new SpoolLog(spool)) {
            appendAll(log, topic, 0, 3);
        }
        try (FileChannel file = FileChannel.open(SpoolFiles.segment(spool, topic, 0), StandardOpenOption.APPEND)) {
            file.write(ByteBuffer.wrap("0badc0de\tevent-torn\t{\"n\":".getBytes(StandardCharsets.UTF_8)));
        }
        try (SpoolLog log = new SpoolLog(spool)) {
            appendAll(log, topic, 3, 5);
            try (SpoolDrainer drainer = new SpoolDrainer(spool, kafka.bootstrapServers())) {
                List<ConsumerRecord<String, String>> got = readAll(topic, 5);
                assertThat(got).extracting(ConsumerRecord::key)
                        .containsExactly("event-0", "event-1", "event-2", "event-3", "event-4");
            }
        }
    }

    @Test
    void sentSegmentsAreDeletedAndTheRestStillArrivesInOrder() throws Exception {
        String topic = "warren.segments.decisions";
        try (SpoolLog log = new SpoolLog(spool, 500)) {
            // A segment is cut after a group commit that passed the size: commit in small groups.
            for (int from = 0; from < 300; from += 10) {
                appendAll(log, topic, from, from + 10);
            }
            assertThat(SpoolFiles.segments(spool).get(topic).size()).isGreaterThan(5);
            try (SpoolDrainer drainer = new SpoolDrainer(spool, kafka.bootstrapServers())) {
                List<ConsumerRecord<String, String>> got = readAll(topic, 300);
                assertThat(got).extracting(ConsumerRecord::key)
                        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300).mapToObj(i -> "event-" + i).toList());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (SpoolFiles.segments(spool).get(topic).size() > 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(SpoolFiles.segments(spool).get(topic)).hasSize(1);
                assertThat(SpoolFiles.unsentBytes(spool)).isZero();
            }
            appendAll(log, topic, 300, 310);
        }
        try (SpoolDrainer drainer = new SpoolDrainer(spool, kafka.bootstrapServers())) {
            assertThat(readAll(topic, 310)).hasSize(310);
        }
    }

    @Test
    void linesOfTwoTopicsInOneCommitAndLinesLargerThanTheWriteBufferArriveWholeAndInOrder() throws Exception {
        String decisions = "warren.big.decisions";
        String rewards = "warren.big.rewards";
        String big = "{\"pad\":\"" + "x".repeat(400 << 10) + "\"}";
        try (SpoolLog log = new SpoolLog(spool)) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(log.append(decisions, "event-" + i, utf8(i % 3 == 1 ? big : "{\"n\":" + i + "}")));
                done.add(log.append(rewards, "event-" + i, utf8("{\"r\":" + i + "}")));
            }
            done.forEach(CompletableFuture::join);
        }
        try (SpoolDrainer drainer = new SpoolDrainer(spool, kafka.bootstrapServers())) {
            assertThat(readAll(decisions, 6)).extracting(r -> r.key() + " " + r.value().length())
                    .containsExactly("event-0 7", "event-1 " + big.length(), "event-2 7", "event-3 7",
                            "event-4 " + big.length(), "event-5 7");
            assertThat(readAll(rewards, 6)).extracting(ConsumerRecord::value)
                    .containsExactly("{\"r\":0}", "{\"r\":1}", "{\"r\":2}", "{\"r\":3}", "{\"r\":4}", "{\"r\":5}");
        }
    }
}
