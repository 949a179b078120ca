package io.warren.jobs.train;

import io.warren.core.loop.Topics;
import io.warren.core.model.Announcement;
import io.warren.joiner.InvalidRecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the train operator reads from a loop's topics directly, outside the job's streams: the joined
 * events of the last days (to retrain after a policy change, or to train a loop's first model), the
 * loop's latest configuration (before the broadcast stream has brought it), and what its announcements
 * say (so a restored job never announces a version twice, nor an older model than the one served). Every read is {@code read_committed}
 * up to the end offsets taken when it starts.
 */
public final class LoopLog {
    private static final Logger LOG = LoggerFactory.getLogger(LoopLog.class);
    /** How many of the last announcements are looked at for the highest version (a rollback re-announces an old one). */
    static final int ANNOUNCEMENTS_LOOKED_AT = 1000;

    private final String bootstrapServers;
    private final Duration timeout;

    public LoopLog(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "warren-train-log");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        List<TopicPartition> out = new ArrayList<>();
        if (infos != null) {
            for (PartitionInfo i : infos) {
                out.add(new TopicPartition(topic, i.partition()));
            }
        }
        return out;
    }

    /**
     * Hands every committed record of {@code loop}'s joined topic with a timestamp at or after
     * {@code sinceMillis} to {@code line} (partition and value), partition by partition in offset order as
     * the consumer returns them, up to the end offsets as of the start of the call; returns those end
     * offsets by partition (what the stream must not learn again).
     */
    Map<Integer, Long> replayJoined(String loop, long sinceMillis, BiConsumer<Integer, byte[]> line) {
        String topic = Topics.joined(loop);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> parts = partitions(consumer, topic);
            Map<Integer, Long> ends = new HashMap<>();
            if (parts.isEmpty()) {
                return ends;
            }
            consumer.assign(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            Map<TopicPartition, Long> query = new HashMap<>();
            for (TopicPartition tp : parts) {
                query.put(tp, sinceMillis);
                ends.put(tp.partition(), end.get(tp));
            }
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(query, timeout);
            for (TopicPartition tp : parts) {
                OffsetAndTimestamp at = start.get(tp);
                consumer.seek(tp, at == null ? end.get(tp) : Math.min(at.offset(), end.get(tp)));
            }
            readUpTo(consumer, end, r -> line.accept(r.partition(), r.value()));
            return ends;
        }
    }

    /** The loop's latest configuration for training, or null when it has none (or none that reads). */
    TrainConfig latestConfig(String loop) {
        return latestConfig(loop, (json, offset) -> {
            TrainConfig c = TrainConfig.fromConfigRecord(json, offset);
            return loop.equals(c.loop) ? c : null;
        });
    }

    /**
     * The loop's latest configuration record as {@code read} makes it (null: not this loop's), or null when
     * there is none; records {@code read} refuses ({@link InvalidRecordException}) are logged and skipped.
     */
    public <T> T latestConfig(String loop, BiFunction<String, Long, T> read) {
        String topic = Topics.config(loop);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> parts = partitions(consumer, topic);
            if (parts.isEmpty()) {
                return null;
            }
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            List<T> latest = new ArrayList<>(1);
            readUpTo(consumer, end, r -> {
                if (r.value() == null) {
                    return;
                }
                try {
                    T c = read.apply(new String(r.value(), StandardCharsets.UTF_8), r.offset());
                    if (c != null) {
                        latest.clear();
                        latest.add(c);
                    }
                } catch (InvalidRecordException e) {
                    LOG.warn("skipped {} offset {}: {}", topic, r.offset(), e.getMessage());
                }
            });
            return latest.isEmpty() ? null : latest.get(0);
        }
    }

    /**
     * What a loop's announcements say: the highest version number any of them took (trained or imported),
     * and the last one (what the API serves), null when there is none.
     */
    record Announced(long highestVersion, Announcement last) {}

    /** Of the loop's last {@value #ANNOUNCEMENTS_LOOKED_AT} announcements, the highest version and the last one. */
    Announced announced(String loop) {
        String topic = Topics.models(loop);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> parts = partitions(consumer, topic);
            if (parts.isEmpty()) {
                return new Announced(0, null);
            }
            consumer.assign(parts);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts, timeout);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts, timeout);
            for (TopicPartition tp : parts) {
                consumer.seek(tp, Math.max(begin.get(tp), end.get(tp) - ANNOUNCEMENTS_LOOKED_AT));
            }
            long[] highest = {0};
            Announcement[] last = {null};
            readUpTo(consumer, end, r -> {
                if (r.value() == null) {
                    return;
                }
                try {
                    Announcement a = Announcement.parse(r.value());
                    highest[0] = Math.max(highest[0], a.number());
                    last[0] = a;
                } catch (IllegalArgumentException e) {
                    LOG.warn("{} offset {} is not an announcement: {}", topic, r.offset(), e.getMessage());
                }
            });
            return new Announced(highest[0], last[0]);
        }
    }

    /**
     * Polls until every partition's position reaches {@code end}, handing each record below it to
     * {@code sink}; fails when no progress is made for the timeout.
     */
    private void readUpTo(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end,
                          java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        Map<Integer, Long> endOf = new HashMap<>();
        Set<TopicPartition> open = new HashSet<>();
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            endOf.put(e.getKey().partition(), e.getValue());
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                open.add(e.getKey());
            } else {
                consumer.pause(List.of(e.getKey()));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!open.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + open + " to its end offsets made no progress for " + timeout);
            }
            var records = consumer.poll(Duration.ofMillis(200));
            if (!records.isEmpty()) {
                deadline = System.nanoTime() + timeout.toNanos();
            }
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.offset() < endOf.get(r.partition())) {
                    sink.accept(r);
                }
            }
            List<TopicPartition> done = new ArrayList<>();
            for (TopicPartition tp : open) {
                if (consumer.position(tp, timeout) >= end.get(tp)) {
                    done.add(tp);
                }
            }
            consumer.pause(done);
            done.forEach(open::remove);
        }
    }
}
