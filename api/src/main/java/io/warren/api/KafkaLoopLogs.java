package io.warren.api;

import io.warren.core.loop.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A loop's logs in Kafka: its decisions (the rank calls' log, whose record times give the date range),
 * rewards, joined and late topics. Deleting removes every record there is now from all four
 * ({@code deleteRecords} up to each partition's end); records still in an API's local spool reach Kafka later.
 */
final class KafkaLoopLogs implements LoopLogs {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrap;
    private final String loop;

    KafkaLoopLogs(String bootstrap, String loop) {
        this.bootstrap = bootstrap;
        this.loop = loop;
    }

    @Override
    public DateRange dateRange() throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, Topics.decisions(loop));
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Instant from = null;
            Instant to = null;
            for (TopicPartition p : partitions) {
                if (end.get(p) > begin.get(p)) {
                    Instant first = timeAt(consumer, p, begin.get(p));
                    Instant last = lastTime(consumer, p, begin.get(p), end.get(p));
                    if (first == null || last == null) {
                        continue; // only transaction markers and aborted records
                    }
                    from = from == null || first.isBefore(from) ? first : from;
                    to = to == null || last.isAfter(to) ? last : to;
                }
            }
            return from == null ? null : new DateRange(from, to);
        } catch (RuntimeException e) {
            throw new IOException("cannot read the logs' dates from Kafka: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete() throws IOException {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, RecordsToDelete> upToNow = new HashMap<>();
            for (String topic : List.of(Topics.decisions(loop), Topics.rewards(loop), Topics.joined(loop),
                    Topics.late(loop))) {
                List<TopicPartition> partitions = partitions(consumer, topic);
                consumer.endOffsets(partitions, TIMEOUT).forEach((p, end) ->
                        upToNow.put(p, RecordsToDelete.beforeOffset(end)));
            }
            admin.deleteRecords(upToNow).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IOException("cannot delete the logs in Kafka: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting the logs", e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The topic's partitions; none when the topic does not exist (a loop that never logged). */
    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        List<TopicPartition> out = new ArrayList<>();
        consumer.listTopics(TIMEOUT).getOrDefault(topic, List.of())
                .forEach(info -> out.add(new TopicPartition(topic, info.partition())));
        return out;
    }

    /** The time of the first record at or after {@code offset}, or null when there is none before the end. */
    private static Instant timeAt(KafkaConsumer<byte[], byte[]> consumer, TopicPartition p, long offset) {
        Instant[] found = {null};
        readRange(consumer, p, offset, r -> {
            if (found[0] == null) {
                found[0] = Instant.ofEpochMilli(r.timestamp());
            }
        });
        return found[0];
    }

    /**
     * The time of the partition's last record. The spool drains in transactions, so the last offsets can be
     * commit markers (and aborted records) that no reader gets: look back further until a record shows.
     */
    private static Instant lastTime(KafkaConsumer<byte[], byte[]> consumer, TopicPartition p, long begin, long end) {
        for (long back = 16; ; back *= 4) {
            long from = Math.max(begin, end - back);
            Instant[] last = {null};
            readRange(consumer, p, from, r -> last[0] = Instant.ofEpochMilli(r.timestamp()));
            if (last[0] != null || from == begin) {
                return last[0];
            }
        }
    }

    /** Hands every record from {@code offset} up to the partition's end (as of now) to {@code sink}. */
    private static void readRange(KafkaConsumer<byte[], byte[]> consumer, TopicPartition p, long offset,
                                  java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        consumer.assign(List.of(p));
        long end = consumer.endOffsets(List.of(p), TIMEOUT).get(p);
        consumer.seek(p, offset);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(p, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + p + " from offset " + offset + " made no progress");
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (r.offset() < end) {
                    sink.accept(r);
                }
            }
        }
    }
}
