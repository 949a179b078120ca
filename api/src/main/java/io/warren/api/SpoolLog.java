package io.warren.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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

    /** A record to write, or (with no line) the deletion of its topic's records. */
    private record Pending(String topic, byte[] line, CompletableFuture<Void> done) {}

    /** The segment a topic appends to. */
    private static final class Active {
        final long number;
        final FileChannel channel;

        Active(long number, FileChannel channel) {
            this.number = number;
            this.channel = channel;
        }
    }

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
    public CompletableFuture<Void> append(String topic, String key, String value) {
        return enqueue(topic, new SpoolRecord(key, value).line());
    }

    /**
     * Deletes every record of {@code topic}, including those appended before this call and not yet written;
     * records appended after it start the topic again. Only for a spool that no {@link SpoolDrainer} reads.
     */
    public CompletableFuture<Void> deleteTopic(String topic) {
        return enqueue(topic, null);
    }

    private CompletableFuture<Void> enqueue(String topic, byte[] line) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the spool is closed"));
            return done;
        }
        queue.add(new Pending(topic, line, done));
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
                    if (batch.get(i).line() == null) {
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
                FileChannel file = segmentOf(p.topic()).channel;
                ByteBuffer buffer = ByteBuffer.wrap(p.line());
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                if (!touched.contains(p.topic())) {
                    touched.add(p.topic());
                }
            }
            for (String topic : touched) {
                Active segment = active.get(topic);
                segment.channel.force(false);
                if (segment.channel.size() >= segmentBytes) {
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
        file.truncate(endOfLastLine(file));
        file.position(file.size());
        return new Active(number, file);
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
