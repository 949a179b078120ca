package io.warren.api;

import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.loop.Topics;
import io.warren.core.model.Announcement;
import io.warren.core.model.ModelStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows a loop's model announcements ({@code warren.<loop>.models}, core {@link Announcement}) and serves
 * each announced model from the model store: the file is checked against its SHA-256 and loaded before it
 * is swapped in, so a bad announcement leaves the served model as it was; a reset goes back to uniform
 * draws. The last announcement read is the one served, so a rollback is announcing an older version
 * again. The topic is read from its start: a new instance serves the current model at once, and knows
 * every version announced (for {@code GET /model/versions} and rollbacks).
 */
public final class ModelWatcher implements AutoCloseable {
    private final String topic;
    private final ModelStore store;
    private final RankService ranks;
    private final Supplier<Policy> policy;
    private final ConsumerThread reader;
    private final KafkaConsumer<byte[], byte[]> consumer;
    /** Each version's latest announcement. */
    private final Map<String, Announcement> versions = new HashMap<>();
    private long highestVersion;
    private volatile String lastProblem;

    /** @param policy the loop's policy now: a model that ranks otherwise is not served */
    public ModelWatcher(String loop, String bootstrapServers, ModelStore store, RankService ranks,
                        Supplier<Policy> policy) {
        this.topic = Topics.models(loop);
        this.policy = policy;
        this.store = store;
        this.ranks = ranks;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.reader = new ConsumerThread(p, "warren-models-" + loop, this::watch);
        this.consumer = reader.consumer();
        reader.start();
    }

    /** Why the last announcement was not served, or null. */
    public String lastProblem() {
        return lastProblem;
    }

    /** Every version announced so far, highest first, each as last announced. */
    public synchronized List<Announcement> versions() {
        List<Announcement> all = new ArrayList<>(versions.values());
        all.sort(Comparator.comparingLong(Announcement::number).reversed());
        return all;
    }

    /** The last announcement of {@code version}, or null when it was never announced. */
    public synchronized Announcement version(String version) {
        return versions.get(version);
    }

    /** The highest version number announced so far (0 before any). */
    public synchronized long highestVersion() {
        return highestVersion;
    }

    private synchronized void remember(Announcement a) {
        if (a.origin() != Announcement.Origin.RESET) {
            versions.put(a.version(), a);
            highestVersion = Math.max(highestVersion, a.number());
        }
    }

    private void watch() {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        while (!reader.closed()) {
            Announcement latest = null;
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    continue;
                }
                try {
                    latest = Announcement.parse(record.value());
                    remember(latest);
                } catch (IllegalArgumentException e) {
                    lastProblem = "announcement at offset " + record.offset() + ": " + e.getMessage();
                }
            }
            if (latest != null) {
                serve(latest);
            }
        }
    }

    private void serve(Announcement a) {
        if (a.origin() == Announcement.Origin.RESET) {
            if (ranks.served().file() != null) {
                ranks.reset();
            }
            lastProblem = null;
            return;
        }
        if (a.version().equals(ranks.served().version()) && ranks.served().file() != null) {
            return; // this instance served it already (it published it)
        }
        try {
            serve(a, checked(a));
            lastProblem = null;
        } catch (IOException | RuntimeException e) {
            lastProblem = "model " + a.version() + " not served: " + e.getMessage();
        }
    }

    /** An announced model, read once its file matched the announced SHA-256, and found servable. */
    LearnerStack.Serving checked(Announcement a) throws IOException {
        return ApiServer.servable(store.verified(a), policy.get());
    }

    /** Serves announced model {@code a} on this instance, read ({@link #checked}) as {@code model}. */
    void serve(Announcement a, LearnerStack.Serving model) throws IOException {
        ranks.serve(new RankService.ServedModel(store.resolve(a.path()), a.version(), Instant.now()),
                ApiServer.modelRankers(model, a.version()));
    }

    @Override
    public void close() {
        reader.close();
    }
}
