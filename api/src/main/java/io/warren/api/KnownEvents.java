package io.warren.api;

import io.warren.core.loop.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Which event ids a loop has decided recently, so that a reward or activation for an event that was never
 * ranked is answered 404 instead of being logged for nothing. An id counts for the loop's reward wait plus
 * {@link #MARGIN} (a reward a little after the wait is kept, as late, by the join).
 *
 * <p>Every instance records its own decisions as it ranks. With Kafka it also follows
 * {@code warren.<loop>.decisions} (the keys), from the retention back, so it knows what every instance
 * decided: an id it does not know is answered only once it has read the topic up to its end as of
 * {@link #GRACE_MILLIS} after the request came (time for another instance's spool to reach Kafka); if it
 * cannot get that far within {@link #GIVE_UP_MILLIS} (Kafka away), the reward is accepted, since nothing
 * a product sent for a real decision may be lost. Without Kafka the instance's spool is the whole log:
 * its decisions are read back at start.
 */
final class KnownEvents implements AutoCloseable {
    static final Duration MARGIN = Duration.ofMinutes(10);
    static final long GRACE_MILLIS = 500;
    static final long GIVE_UP_MILLIS = 3_000;
    /** How often the follower looks for partitions added to the decisions topic. */
    static final long PARTITION_CHECK_MILLIS = 10_000;

    private final String loop;
    private final RecentEventIds ids = new RecentEventIds();
    private final Supplier<Duration> rewardWait;
    private final Clock clock;
    private final Follower follower;

    /**
     * @param bootstrap Kafka's bootstrap servers, or null when the spool is the whole log
     * @param spool     the spool directory (read back at start without Kafka)
     */
    KnownEvents(String loop, Supplier<Duration> rewardWait, Clock clock, String bootstrap, Path spool) throws IOException {
        this.loop = loop;
        this.rewardWait = rewardWait;
        this.clock = clock;
        if (bootstrap == null) {
            readSpool(spool);
            this.follower = null;
        } else {
            this.follower = new Follower(bootstrap);
        }
    }

    long retentionMillis() {
        return rewardWait.get().toMillis() + MARGIN.toMillis();
    }

    /** This instance decided {@code eventId} now. */
    void decided(String eventId) {
        long now = clock.millis();
        ids.add(eventId, now, now, retentionMillis());
    }

    /** Whether {@code eventId} was decided within the retention; completes later only for an id not known yet. */
    CompletableFuture<Boolean> known(String eventId) {
        if (ids.contains(eventId)) {
            return CompletableFuture.completedFuture(true);
        }
        if (follower == null) {
            return CompletableFuture.completedFuture(false);
        }
        return follower.check(eventId, clock.millis());
    }

    /** The 404 for an event id that is not known. */
    ApiResponse unknown(String eventId) {
        return ApiResponse.error(404, "ResourceNotFound", "no event '" + eventId + "' was ranked on loop " + loop
                + " in the last " + Duration.ofMillis(retentionMillis()).toMinutes()
                + " minutes (the reward wait time and 10 more): rank it before rewarding or activating it");
    }

    private void readSpool(Path spool) throws IOException {
        if (!Files.isDirectory(spool)) {
            return;
        }
        String topic = Topics.decisions(loop);
        long now = clock.millis();
        long retention = retentionMillis();
        for (long n : SpoolFiles.segments(spool).getOrDefault(topic, List.of())) {
            Path segment = SpoolFiles.segment(spool, topic, n);
            if (Files.getLastModifiedTime(segment).toMillis() < now - retention) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(segment);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    SpoolRecord record = SpoolRecord.parse(bytes, start, i);
                    Instant at = record == null ? null : record.timestamp();
                    if (at != null) {
                        ids.add(record.key(), at.toEpochMilli(), now, retention);
                    }
                    start = i + 1;
                }
            }
        }
    }

    @Override
    public void close() {
        if (follower != null) {
            follower.close();
        }
    }

    /** A reward's question, waiting for the topic to be read far enough. */
    private record Pending(String eventId, long arrivedAt, CompletableFuture<Boolean> answer) {}

    /** Reads the decisions topic's keys into the set and answers the pending questions. */
    private final class Follower {
        private final ConsumerThread reader;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
        /** Wall-clock time up to which every decision in the topic has been read. */
        private long caughtUpAt = Long.MIN_VALUE;

        Follower(String bootstrap) {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "warren-api-known-" + loop);
            p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
            reader = new ConsumerThread(p, "warren-known-" + loop, this::follow);
            consumer = reader.consumer();
            reader.start();
        }

        CompletableFuture<Boolean> check(String eventId, long now) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            pending.add(new Pending(eventId, now, answer));
            return answer;
        }

        private void follow() throws InterruptedException {
            try {
                List<TopicPartition> partitions = assign();
                long partitionsCheckedAt = clock.millis();
                Map<TopicPartition, Long> target = null;
                long targetAt = 0;
                while (!reader.closed()) {
                    if (partitions == null) {
                        partitions = assign();
                    } else if (clock.millis() - partitionsCheckedAt > PARTITION_CHECK_MILLIS) {
                        List<TopicPartition> grown = added(partitions);
                        if (grown != partitions) {
                            partitions = grown;
                            target = null;
                        }
                        partitionsCheckedAt = clock.millis();
                    }
                    if (partitions != null) {
                        read(partitions);
                        long now = clock.millis();
                        try {
                            if (target == null && oldestReady(now)) {
                                targetAt = now;
                                target = consumer.endOffsets(partitions);
                            }
                            if (target != null && reached(target)) {
                                caughtUpAt = targetAt;
                                target = null;
                            }
                        } catch (KafkaException e) {
                            target = null; // Kafka away: questions give up below
                        }
                    } else {
                        Thread.sleep(200);
                    }
                    answer(clock.millis());
                }
            } finally {
                pending.forEach(p -> p.answer().complete(true));
            }
        }

        /** The topic's partitions, assigned from the retention back; null while the topic is not there. */
        private List<TopicPartition> assign() {
            List<PartitionInfo> infos;
            try {
                infos = consumer.partitionsFor(Topics.decisions(loop));
            } catch (KafkaException e) {
                if (e instanceof WakeupException w) {
                    throw w;
                }
                return null;
            }
            if (infos == null || infos.isEmpty()) {
                return null;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(tp -> since.put(tp, clock.millis() - retentionMillis()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since);
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = offsets.get(tp);
                if (at == null) {
                    consumer.seekToEnd(List.of(tp));
                } else {
                    consumer.seek(tp, at.offset());
                }
            }
            return partitions;
        }

        private void read(List<TopicPartition> partitions) {
            var records = consumer.poll(Duration.ofMillis(pending.isEmpty() ? 200 : 20));
            long now = clock.millis();
            long retention = retentionMillis();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                if (r.key() != null) {
                    ids.add(new String(r.key(), StandardCharsets.UTF_8), r.timestamp(), now, retention);
                }
            }
        }

        /**
         * The partitions with any the topic gained since they were taken (read from their start: all they
         * hold is newer), or {@code partitions} itself when there are none.
         */
        private List<TopicPartition> added(List<TopicPartition> partitions) {
            List<PartitionInfo> infos;
            try {
                // listTopics asks the cluster; partitionsFor would answer from metadata up to 5 minutes old.
                infos = consumer.listTopics().get(Topics.decisions(loop));
            } catch (KafkaException e) {
                if (e instanceof WakeupException w) {
                    throw w;
                }
                return partitions;
            }
            if (infos == null || infos.size() <= partitions.size()) {
                return partitions;
            }
            List<TopicPartition> all = infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            List<TopicPartition> fresh = all.stream().filter(tp -> !partitions.contains(tp)).toList();
            consumer.assign(all); // positions of the partitions kept are kept
            consumer.seekToBeginning(fresh);
            return all;
        }

        /** Whether the oldest question has waited out the grace time, so the topic's end now covers it. */
        private boolean oldestReady(long now) {
            Pending oldest = pending.peek();
            return oldest != null && now >= oldest.arrivedAt() + GRACE_MILLIS;
        }

        private boolean reached(Map<TopicPartition, Long> target) {
            for (Map.Entry<TopicPartition, Long> e : target.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    return false;
                }
            }
            return true;
        }

        private void answer(long now) {
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (ids.contains(p.eventId())) {
                    p.answer().complete(true);
                } else if (caughtUpAt >= p.arrivedAt() + GRACE_MILLIS) {
                    p.answer().complete(false);
                } else if (now - p.arrivedAt() > GIVE_UP_MILLIS) {
                    p.answer().complete(true); // cannot tell: keep the reward
                } else {
                    continue;
                }
                it.remove();
            }
        }

        void close() {
            reader.close();
        }
    }
}
