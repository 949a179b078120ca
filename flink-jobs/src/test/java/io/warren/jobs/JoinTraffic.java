package io.warren.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.loop.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the join tests send and read for one loop: decisions and rewards as the API logs them, the joined
 * topic as a read_committed reader sees it (an event joined twice fails the test), and the probe that
 * waits until the loop's settings apply. Traffic event ids start with {@code e}, probes with {@code probe-}.
 */
public final class JoinTraffic {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaForJobs kafka;
    private final String loop;
    private final int partitions;

    public JoinTraffic(KafkaForJobs kafka, String loop, int partitions) {
        this.kafka = kafka;
        this.loop = loop;
        this.partitions = partitions;
    }

    /** A decision over two actions, {@code y} shown with probability 0.9. */
    public String decision(String eventId, long at) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"" + Instant.ofEpochMilli(at) + "\",\"Version\":\"1\","
                + "\"a\":[2,1],\"p\":[0.9,0.1],\"c\":{\"FromUrl\":[{\"user\":{\"n\":1}}],\"_multi\":["
                + "{\"_tag\":\"x\",\"i\":{\"constant\":1,\"id\":\"x\"},\"j\":[]},"
                + "{\"_tag\":\"y\",\"i\":{\"constant\":1,\"id\":\"y\"},\"j\":[]}]},"
                + "\"VWState\":{\"m\":\"\"},\"DeferredAction\":false,\"_learningMode\":\"Online\",\"_loop\":\"" + loop + "\"}";
    }

    public static String reward(String eventId, long at, float value) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"" + Instant.ofEpochMilli(at)
                + "\",\"kind\":\"reward\",\"value\":" + value + "}";
    }

    /** The joined topic by event id. */
    public Map<String, JsonNode> joined() throws IOException {
        Map<String, JsonNode> byEvent = new HashMap<>();
        for (ConsumerRecord<String, String> r : kafka.readCommitted(Topics.joined(loop), partitions)) {
            assertThat(byEvent.put(r.key(), JSON.readTree(r.value()))).as("event %s joined twice", r.key()).isNull();
        }
        return byEvent;
    }

    /** The joined topic once {@code events} traffic events are in it, or as it is at {@code deadlineNanos}. */
    public Map<String, JsonNode> awaitTraffic(int events, long deadlineNanos) throws Exception {
        Map<String, JsonNode> joined = joined();
        while (trafficJoined(joined) < events && System.nanoTime() < deadlineNanos) {
            Thread.sleep(500);
            joined = joined();
        }
        return joined;
    }

    /** Checks traffic event {@code e<i>} joined with {@link #decision}'s label (action y, p 0.9) and this reward. */
    public static JsonNode assertJoined(Map<String, JsonNode> joined, int i, float reward) {
        JsonNode line = joined.get("e" + i);
        assertThat(line).as("event e%d joined", i).isNotNull();
        assertThat(line.get("_label_cost").floatValue()).as("cost of e%d", i).isCloseTo(-reward, within(1e-6f));
        assertThat(line.get("_label_Action").asInt()).isEqualTo(2);
        assertThat(line.get("_label_probability").floatValue()).isEqualTo(0.9f);
        return line;
    }

    /** How many traffic events (not probes) are joined. */
    public static long trafficJoined(Map<String, JsonNode> joined) {
        return joined.keySet().stream().filter(id -> id.startsWith("e")).count();
    }

    /** Sends probe decisions until one comes out joined (the job is up and joining); returns how many were sent. */
    public int awaitSettingsApplied(KafkaProducer<String, String> producer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int probes = 0;
        while (System.nanoTime() < deadline) {
            String id = "probe-" + probes++;
            producer.send(new ProducerRecord<>(Topics.decisions(loop), id, decision(id, System.currentTimeMillis()))).get();
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                if (joined().containsKey(id)) {
                    return probes;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no probe decision was joined: the loop's settings never applied");
    }

    /** Waits for a completed checkpoint of {@code job} under {@code checkpoints} taken after this call, or null. */
    public static Path awaitCheckpoint(Path checkpoints, JobClient job) throws Exception {
        Path before = latestCheckpoint(checkpoints, job);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Path now = latestCheckpoint(checkpoints, job);
            if (now != null && !now.equals(before)) {
                return now;
            }
            Thread.sleep(100);
        }
        return null;
    }

    public static Path latestCheckpoint(Path checkpoints, JobClient job) throws IOException {
        return JobConfig.latestCheckpoint(checkpoints.resolve(job.getJobID().toHexString()));
    }
}
