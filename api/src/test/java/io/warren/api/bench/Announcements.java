package io.warren.api.bench;

import io.warren.core.loop.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListSet;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** When each model announcement of a loop reached a reader (wall clock), for splitting freshness in two. */
final class Announcements implements AutoCloseable {
    private final ConcurrentSkipListSet<Long> seenAt = new ConcurrentSkipListSet<>();
    private final KafkaConsumer<String, String> consumer;
    private final Thread reader;
    private volatile boolean closed;

    Announcements(String bootstrap, String loop) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        TopicPartition models = new TopicPartition(Topics.models(loop), 0);
        consumer.assign(List.of(models));
        consumer.seekToEnd(List.of(models));
        reader = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (!closed) {
                    if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                        seenAt.add(System.currentTimeMillis());
                    }
                }
            } catch (WakeupException e) {
                // closed
            }
        });
    }

    /** Milliseconds of the first announcement seen after {@code time}, or -1 when none was. */
    long firstAfter(long time) {
        Long at = seenAt.ceiling(time);
        return at == null ? -1 : at;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        reader.join(5_000);
        consumer.close();
    }
}
