package io.warren.api;

import java.util.Properties;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A Kafka consumer of raw records that one daemon thread of its own reads until closed: {@link #close()}
 * interrupts the consumer's poll ({@code wakeup}), waits for the thread to end, and the thread closes the
 * consumer on its way out. The API's topic followers (model announcements, decision keys) run on it.
 */
final class ConsumerThread implements AutoCloseable {
    /** What the thread does; it returns once {@link #closed()} turns true (or a wakeup ends a poll). */
    interface Body {
        void run() throws InterruptedException;
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean closed;

    /** Makes the consumer; the thread starts with {@link #start}. */
    ConsumerThread(Properties config, String threadName, Body body) {
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(() -> run(body), threadName);
        this.thread.setDaemon(true);
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        return consumer;
    }

    /** Starts the thread, once the owner holds {@link #consumer()} for its body to use. */
    void start() {
        thread.start();
    }

    boolean closed() {
        return closed;
    }

    private void run(Body body) {
        try {
            body.run();
        } catch (WakeupException | InterruptedException e) {
            // closed
        } finally {
            consumer.close();
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
