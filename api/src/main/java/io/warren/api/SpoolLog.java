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

/**
 * A local spool: one append-only file per topic under a directory, a line {@code key TAB value} per
 * record. A single writer thread takes every record waiting, writes them, forces the files to disk and
 * only then completes their futures (group commit: one fsync for however many requests arrived meanwhile).
 * Draining the spool into Kafka, in order, is the next step of the durable log.
 */
public final class SpoolLog implements EventLog {
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
        byte[] line = (key + '\t' + value + '\n').getBytes(StandardCharsets.UTF_8);
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
            file = FileChannel.open(dir.resolve(topic + ".log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            files.put(topic, file);
        }
        return file;
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
