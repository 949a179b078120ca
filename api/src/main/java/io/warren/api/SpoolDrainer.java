package io.warren.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends what the {@link SpoolLog} made durable on to Kafka, segment by segment in order, each record to
 * its topic with the event id as key. How far each topic has been sent is kept in {@code <topic>.sent}
 * (written atomically after Kafka acknowledged everything before it), so a restart resumes where it
 * stopped and records waiting while Kafka is away go out once it is back; sent segments are deleted.
 *
 * <p>The producer is idempotent with {@code acks=all}: no duplicates from its own retries. A crash between
 * Kafka's acknowledgement and the position write re-sends that batch (at least once); the join drops a
 * decision seen twice, by event id.
 */
public final class SpoolDrainer implements AutoCloseable {
    private static final int BATCH_BYTES = 1 << 20;

    private final Path dir;
    private final Producer<String, String> producer;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Throwable lastFailure;

    public SpoolDrainer(Path spoolDir, String bootstrapServers) {
        this.dir = spoolDir;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers));
        this.thread = new Thread(this::drainLoop, "warren-spool-drainer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    static Properties producerConfig(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** The last error sending to Kafka (it is retried), or null. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    private void drainLoop() {
        long backoffMs = 20;
        while (!closed) {
            try {
                boolean sentAny = false;
                for (Map.Entry<String, List<Long>> topic : SpoolFiles.segments(dir).entrySet()) {
                    sentAny |= drain(topic.getKey(), topic.getValue());
                }
                lastFailure = null;
                backoffMs = 20;
                if (!sentAny) {
                    TimeUnit.MILLISECONDS.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastFailure = e;
                try {
                    TimeUnit.MILLISECONDS.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            }
        }
    }

    /**
     * Sends the next batch of {@code topic}'s complete lines; true when it sent any. Segments wholly
     * acknowledged and followed by a newer one (so no longer appended to) are deleted.
     */
    private boolean drain(String topic, List<Long> segments) throws Exception {
        SpoolFiles.Position sent = SpoolFiles.sent(dir, topic);
        for (int i = 0; i < segments.size(); i++) {
            long n = segments.get(i);
            Path file = SpoolFiles.segment(dir, topic, n);
            if (n < sent.segment()) {
                Files.deleteIfExists(file);
                continue;
            }
            long offset = n == sent.segment() ? sent.offset() : 0;
            int consumed = sendBatch(topic, file, offset);
            if (consumed > 0) {
                SpoolFiles.writeSent(dir, topic, new SpoolFiles.Position(n, offset + consumed));
                return true;
            }
            boolean sealed = i + 1 < segments.size();
            if (!sealed || offset < Files.size(file)) {
                return false;
            }
            SpoolFiles.writeSent(dir, topic, new SpoolFiles.Position(segments.get(i + 1), 0));
            Files.delete(file);
        }
        return false;
    }

    /** Sends the complete lines of {@code file} from {@code offset} (one batch) and waits for Kafka's acks. */
    private int sendBatch(String topic, Path file, long offset) throws Exception {
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long available = channel.size() - offset;
            if (available <= 0) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(available, BATCH_BYTES));
            int read;
            do {
                read = channel.read(buffer, offset + buffer.position());
            } while (read > 0 && buffer.hasRemaining());
            bytes = Arrays.copyOf(buffer.array(), buffer.position());
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            SpoolRecord record = SpoolRecord.parse(bytes, start, i);
            if (record == null) {
                throw new IOException(file + ": damaged record at byte " + (offset + start) + "; draining stops there");
            }
            acks.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
            start = i + 1;
        }
        if (acks.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        return start;
    }

    /** Lets the batch in flight finish (so its position is kept), then closes the producer. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(10_000);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            producer.close();
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("closing the Kafka producer failed", e));
        }
    }
}
