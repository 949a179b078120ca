package io.warren.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends what the {@link SpoolLog} made durable on to Kafka, segment by segment in order, each record to
 * its topic with the event id as key, exactly once. How far each topic has been sent is kept in
 * {@code <topic>.sent}, so a restart resumes where it stopped and records waiting while Kafka is away go
 * out once it is back; sent segments are deleted.
 *
 * <p>Each batch is one Kafka transaction ({@code acks=all}, transactional id {@code warren-spool-<id>},
 * the id made once per spool in {@code drainer.id}). Before the commit, the batch's end position and the
 * offset of its last record in each partition go to {@code <topic>.sending}; after it, to
 * {@code <topic>.sent}. A drainer that finds a {@code .sending} left by a crash first lets Kafka finish
 * the old transaction (starting the producer fences the old one and aborts it unless its commit was
 * under way), then reads one of those offsets back read_committed: there, the batch is in Kafka and the
 * position moves past it; gone (aborted), it is sent again. Readers of the topics read committed.
 */
public final class SpoolDrainer implements AutoCloseable {
    private static final int BATCH_BYTES = 1 << 20;

    private static final String SENDING_SUFFIX = ".sending";

    /** Where a test stops the drainer as a crash would: before or after a batch's commit. */
    interface CrashPoint {
        CrashPoint NONE = stage -> { };

        void reached(String stage);
    }

    private final Path dir;
    private final String bootstrapServers;
    private final CrashPoint crash;
    private final Thread thread;
    private Producer<String, String> producer;
    private volatile boolean closed;
    private volatile Throwable lastFailure;

    public SpoolDrainer(Path spoolDir, String bootstrapServers) {
        this(spoolDir, bootstrapServers, CrashPoint.NONE);
    }

    SpoolDrainer(Path spoolDir, String bootstrapServers, CrashPoint crash) {
        this.dir = spoolDir;
        this.bootstrapServers = bootstrapServers;
        this.crash = crash;
        this.thread = new Thread(this::drainLoop, "warren-spool-drainer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private Properties producerConfig() throws IOException {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "warren-spool-" + Keys.kept(dir.resolve("drainer.id")));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** The producer, started (and earlier transactions settled) on first use and after a failure. */
    private Producer<String, String> producer() throws IOException {
        if (producer == null) {
            Producer<String, String> fresh = new KafkaProducer<>(producerConfig());
            try {
                fresh.initTransactions();
            } catch (RuntimeException e) {
                fresh.close(Duration.ZERO);
                throw e;
            }
            producer = fresh;
        }
        return producer;
    }

    private void dropProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
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
                dropProducer(); // a new one settles the failed transaction
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
        producer();
        recover(topic);
        SpoolFiles.Position sent = SpoolFiles.sent(dir, topic);
        for (int i = 0; i < segments.size(); i++) {
            long n = segments.get(i);
            Path file = SpoolFiles.segment(dir, topic, n);
            if (n < sent.segment()) {
                Files.deleteIfExists(file);
                continue;
            }
            long offset = n == sent.segment() ? sent.offset() : 0;
            int consumed = sendBatch(topic, file, n, offset);
            if (consumed > 0) {
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

    /**
     * Sends the complete lines of segment {@code n} from {@code offset} as one transaction and records the
     * new position; returns the bytes consumed.
     */
    private int sendBatch(String topic, Path file, long n, long offset) throws Exception {
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
        List<SpoolRecord> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            SpoolRecord record = SpoolRecord.parse(bytes, start, i);
            if (record == null) {
                throw new IOException(file + ": damaged record at byte " + (offset + start) + "; draining stops there");
            }
            records.add(record);
            start = i + 1;
        }
        if (records.isEmpty()) {
            return 0;
        }
        Producer<String, String> p = producer();
        p.beginTransaction();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (SpoolRecord record : records) {
            acks.add(p.send(new ProducerRecord<>(topic, record.key(), record.value())));
        }
        p.flush();
        Map<Integer, Long> lastOffsets = new TreeMap<>();
        for (Future<RecordMetadata> ack : acks) {
            RecordMetadata m = ack.get();
            lastOffsets.merge(m.partition(), m.offset(), Math::max);
        }
        SpoolFiles.Position end = new SpoolFiles.Position(n, offset + start);
        writeSending(topic, end, lastOffsets);
        crash.reached("before-commit");
        p.commitTransaction();
        crash.reached("after-commit");
        SpoolFiles.writeSent(dir, topic, end);
        Files.deleteIfExists(sendingFile(topic));
        return start;
    }

    private Path sendingFile(String topic) {
        return dir.resolve(topic + SENDING_SUFFIX);
    }

    /** {@code <topic>.sending}: the batch's end position, then a line per partition with its last offset. */
    private void writeSending(String topic, SpoolFiles.Position end, Map<Integer, Long> lastOffsets) throws IOException {
        StringBuilder text = new StringBuilder().append(end.segment()).append(' ').append(end.offset()).append('\n');
        lastOffsets.forEach((partition, last) -> text.append(partition).append(' ').append(last).append('\n'));
        Path tmp = dir.resolve(topic + SENDING_SUFFIX + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(tmp, sendingFile(topic), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Settles a batch a crash left between its {@code .sending} and its {@code .sent}: committed (its last
     * record reads back, read_committed) moves the position past it; aborted leaves it to be sent again.
     * The producer is started before this, so the old transaction is settled.
     */
    private void recover(String topic) throws IOException {
        Path sending = sendingFile(topic);
        if (!Files.exists(sending)) {
            return;
        }
        List<String> lines = Files.readAllLines(sending, StandardCharsets.US_ASCII);
        String[] endParts = lines.get(0).trim().split(" ");
        SpoolFiles.Position end = new SpoolFiles.Position(Long.parseLong(endParts[0]), Long.parseLong(endParts[1]));
        String[] last = lines.get(1).trim().split(" ");
        TopicPartition partition = new TopicPartition(topic, Integer.parseInt(last[0]));
        long offset = Long.parseLong(last[1]);
        if (committed(partition, offset)) {
            SpoolFiles.writeSent(dir, topic, end);
        }
        Files.delete(sending);
    }

    /** Whether the record at {@code offset} of {@code partition} is there for read_committed readers. */
    private boolean committed(TopicPartition partition, long offset) throws IOException {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    return r.offset() == offset;
                }
                if (consumer.position(partition) > offset) {
                    return false; // aborted: read_committed skipped it
                }
            }
        }
        throw new IOException("could not tell whether the batch ending at offset " + offset + " of " + partition
                + " was committed; retrying");
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
            if (producer != null) {
                producer.close();
            }
        } catch (RuntimeException e) {
            throw new UncheckedIOException(new IOException("closing the Kafka producer failed", e));
        }
    }
}
