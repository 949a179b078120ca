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
 * A local spool: one append-only file per topic ({@code <topic>.log}) under a directory, a
 * {@link SpoolRecord} line per record. A single writer thread takes every record waiting, writes them,
 * forces the files to disk and only then completes their futures (group commit: one fsync for however
 * many requests arrived meanwhile). A file is reopened after its last complete line, so a line torn by a
 * crash is dropped, never half-read; its request had not been answered. {@link SpoolDrainer} sends the
 * files on to Kafka in order.
 */
public final class SpoolLog implements EventLog {
    static final String SUFFIX = ".log";
    private static final String SENT_SUFFIX = ".sent";

    /** The topic a spool file holds. */
    static String topicOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** Where the drainer records how many bytes of {@code topic}'s file Kafka has acknowledged. */
    static Path sentFile(Path dir, String topic) {
        return dir.resolve(topic + SENT_SUFFIX);
    }

    /** How many bytes of {@code topic}'s file Kafka has acknowledged (0 before any). */
    static long sentPosition(Path dir, String topic) throws IOException {
        Path sent = sentFile(dir, topic);
        return Files.exists(sent) ? Long.parseLong(Files.readString(sent).trim()) : 0L;
    }

    private record Pending(String topic, byte[] line, CompletableFuture<Void> done) {}

    private final Path dir;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Map<String, FileChannel> files = new HashMap<>();
    private final Thread writer;
    private volatile boolean closed;

    public SpoolLog(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.writer = new Thread(this::writeLoop, "warren-spool");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    @Override
    public CompletableFuture<Void> append(String topic, String key, String value) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new IllegalStateException("the spool is closed"));
            return done;
        }
        queue.add(new Pending(topic, new SpoolRecord(key, value).line(), done));
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
                commit(batch);
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
            List<FileChannel> touched = new ArrayList<>();
            for (Pending p : batch) {
                FileChannel file = file(p.topic());
                ByteBuffer buffer = ByteBuffer.wrap(p.line());
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                if (!touched.contains(file)) {
                    touched.add(file);
                }
            }
            for (FileChannel file : touched) {
                file.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("spool write failed in " + dir, e);
        }
        for (Pending p : batch) {
            p.done().complete(null);
        }
    }

    private FileChannel file(String topic) throws IOException {
        FileChannel file = files.get(topic);
        if (file == null) {
            file = FileChannel.open(dir.resolve(topic + SUFFIX), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            file.truncate(endOfLastLine(file));
            file.position(file.size());
            files.put(topic, file);
        }
        return file;
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
        for (FileChannel file : files.values()) {
            try {
                file.close();
            } catch (IOException e) {
                // already forced; nothing left to lose
            }
        }
    }
}
