package io.warren.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * A local spool: per topic a run of append-only segment files under a directory ({@link SpoolFiles}), a
 * {@link SpoolRecord} line per record. A single writer thread takes every record waiting, writes them,
 * forces the files to disk and only then completes their futures (group commit: one fsync for however
 * many requests arrived meanwhile), and starts a new segment once one passes the segment size, so the
 * drainer can delete what Kafka has. A segment is reopened after its last complete line, so a line torn by
 * a crash is dropped, never half-read; its request had not been answered. {@link SpoolDrainer} sends the
 * segments on to Kafka in order. Without Kafka the spool is the only log, and {@link #deleteTopic} empties
 * a topic in it (Personalizer's {@code DELETE /logs}).
 */
public final class SpoolLog implements EventLog {
    /** Segments are cut after this many bytes unless told otherwise. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    /** A record to write (key and value in UTF-8), or (with no value) the deletion of its topic's records. */
    private record Pending(String topic, byte[] key, byte[] value, CompletableFuture<Void> done) {}

    /** The segment a topic appends to. */
    private static final class Active {
        final long number;
        final FileChannel channel;
        /** Bytes in the file, kept here so that a commit needs no system call to learn it. */
        long size;

        Active(long number, FileChannel channel, long size) {
            this.number = number;
            this.channel = channel;
            this.size = size;
        }
    }

    /**
     * The writer thread's buffer: a commit copies each topic's lines into it and writes them with one
     * system call (a write per line was 8% of a loaded server's CPU). Direct, so the channel does not copy
     * it once more; grown when a line does not fit.
     */
    private ByteBuffer lines = ByteBuffer.allocateDirect(256 << 10);
    /** The writer thread's checksum of each line. */
    private final CRC32C crc = new CRC32C();

    private final Path dir;
    private final long segmentBytes;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, Active> active = new HashMap<>();
    private final Thread writer;
    private volatile boolean closed;

    public SpoolLog(Path dir) throws IOException {
        this(dir, DEFAULT_SEGMENT_BYTES);
    }

    public SpoolLog(Path dir, long segmentBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.segmentBytes = segmentBytes;
        this.writer = new Thread(this::writeLoop, "warren-spool");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public CompletableFuture<Void> append(String topic, String key, byte[] value) {
        return enqueue(topic, key.getBytes(StandardCharsets.UTF_8), value);
    }

    /**
     * Deletes every record of {@code topic}, including those appended before this call and not yet written;
     * records appended after it start the topic again. Only for a spool that no {@link SpoolDrainer} reads.
     */
    public CompletableFuture<Void> deleteTopic(String topic) {
        return enqueue(topic, null, null);
    }

    private CompletableFuture<Void> enqueue(String topic, byte[] key, byte[] value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the spool is closed"));
            return done;
        }
        queue.add(new Pending(topic, key, value, done));
        return done;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch);
                int from = 0;
                for (int i = 0; i < batch.size(); i++) {
                    if (batch.get(i).value() == null) {
                        commit(batch.subList(from, i));
                        delete(batch.get(i));
                        from = i + 1;
                    }
                }
                commit(batch.subList(from, batch.size()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                for (Pending p : batch) {
                    p.done().completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<String> touched = new ArrayList<>();
            for (Pending p : batch) {
                if (!touched.contains(p.topic())) {
                    touched.add(p.topic());
                }
            }
            for (String topic : touched) {
                Active segment = segmentOf(topic);
                write(segment, topic, batch);
                segment.channel.force(false);
                if (segment.size >= segmentBytes) {
                    segment.channel.close();
                    active.put(topic, open(topic, segment.number + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool write failed in " + dir, e);
        }
        for (Pending p : batch) {
            p.done().complete(null);
        }
    }

    /** Appends the batch's lines of {@code topic}, in order, a buffer-full per system call. */
    private void write(Active segment, String topic, List<Pending> batch) throws IOException {
        lines.clear();
        for (Pending p : batch) {
            if (!p.topic().equals(topic)) {
                continue;
            }
            int length = SpoolRecord.lineLength(p.key(), p.value());
            if (lines.remaining() < length) {
                flush(segment);
                if (lines.capacity() < length) {
                    lines = ByteBuffer.allocateDirect(Integer.highestOneBit(length) << 1);
                }
            }
            SpoolRecord.put(lines, p.key(), p.value(), crc);
        }
        flush(segment);
    }

    private void flush(Active segment) throws IOException {
        lines.flip();
        while (lines.hasRemaining()) {
            segment.size += segment.channel.write(lines);
        }
        lines.clear();
    }

    private void delete(Pending deletion) {
        try {
            Active segment = active.remove(deletion.topic());
            if (segment != null) {
                segment.channel.close();
            }
            SpoolFiles.delete(dir, deletion.topic());
        } catch (IOException e) {
            throw new UncheckedIOException("spool deletion failed in " + dir, e);
        }
        deletion.done().complete(null);
    }

    /** The topic's active segment: the highest one there is, reopened after its last complete line. */
    private Active segmentOf(String topic) throws IOException {
        Active segment = active.get(topic);
        if (segment == null) {
            List<Long> numbers = SpoolFiles.segments(dir).getOrDefault(topic, List.of());
            segment = open(topic, numbers.isEmpty() ? 0 : numbers.get(numbers.size() - 1));
            active.put(topic, segment);
        }
        return segment;
    }

    private Active open(String topic, long number) throws IOException {
        FileChannel file = FileChannel.open(SpoolFiles.segment(dir, topic, number), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = endOfLastLine(file);
        file.truncate(size);
        file.position(size);
        return new Active(number, file, size);
    }

    /** The length of the file up to its last LF: what a crash mid-write may have left after it is dropped. */
    private static long endOfLastLine(FileChannel file) throws IOException {
        long end = file.size();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (end > 0) {
            int n = (int) Math.min(buffer.capacity(), end);
            buffer.clear().limit(n);
            file.read(buffer, end - n);
            for (int i = n - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return end - n + i + 1;
                }
            }
            end -= n;
        }
        return 0;
    }

    /** Writes what is queued, then closes the files. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Active segment : active.values()) {
            try {
                segment.channel.close();
            } catch (IOException e) {
                // already forced; nothing left to lose
            }
        }
    }
}
