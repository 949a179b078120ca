package io.warren.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.core.loop.Topics;
import io.warren.core.model.ModelDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows a loop's model announcements ({@code warren.<loop>.models}: {@code {"version", "path", "sha256",
 * "createdAt", "trainedEvents", "arguments"}}) and serves each announced model from the model store: the
 * file is checked against its SHA-256 and loaded before it is swapped in, so a bad announcement leaves the
 * served model as it was. The last announcement read is the one served, so a rollback is announcing an
 * older version again. The topic is read from its start: a new instance serves the current model at once.
 */
public final class ModelWatcher implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final Path store;
    private final RankService ranks;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile String servedVersion = "";
    private volatile String lastProblem;
    private volatile boolean closed;

    public ModelWatcher(String loop, String bootstrapServers, Path store, RankService ranks) {
        this.topic = Topics.models(loop);
        this.store = store;
        this.ranks = ranks;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.thread = new Thread(this::watch, "warren-models-" + loop);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The version being served ("" before any). */
    public String servedVersion() {
        return servedVersion;
    }

    /** Why the last announcement was not served, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    private void watch() {
        try {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            while (!closed) {
                JsonNode latest = null;
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        latest = JSON.readTree(record.value());
                    } catch (IOException e) {
                        lastProblem = "announcement at offset " + record.offset() + " is not JSON";
                    }
                }
                if (latest != null) {
                    serve(latest);
                }
            }
        } catch (WakeupException e) {
            // closed
        } finally {
            consumer.close();
        }
    }

    private void serve(JsonNode announcement) {
        String version = announcement.path("version").asText("");
        String path = announcement.path("path").asText("");
        String sha256 = announcement.path("sha256").asText("");
        if (version.isEmpty() || path.isEmpty()) {
            lastProblem = "announcement without version or path: " + announcement;
            return;
        }
        Path file = store.resolve(path).normalize();
        try {
            if (!file.startsWith(store.normalize())) {
                throw new IOException("the model path " + path + " leaves the model store");
            }
            String actual = ModelDigest.sha256(file);
            if (!actual.equalsIgnoreCase(sha256)) {
                throw new IOException("model " + version + " has SHA-256 " + actual + ", announced " + sha256);
            }
            ApiServer.checkServable(file);
            ranks.serve(new RankService.ServedModel(file, version, Instant.now()), ApiServer.modelRankers(file, version));
            servedVersion = version;
            lastProblem = null;
        } catch (IOException | RuntimeException e) {
            lastProblem = "model " + version + " not served: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
