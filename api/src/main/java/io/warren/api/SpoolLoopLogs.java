package io.warren.api;

import io.warren.core.loop.Topics;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A loop's logs when the API has no Kafka: its decisions and rewards in the local spool, the only log then.
 * The first and last decisions' {@code Timestamp}s give the date range; deleting empties both topics
 * through the spool's writer, so nothing appended meanwhile is half deleted.
 */
final class SpoolLoopLogs implements LoopLogs {
    /** Records are at most a request (1 MiB) plus the decision around it: the last one fits in this tail. */
    private static final int TAIL_BYTES = 4 << 20;

    private final SpoolLog log;
    private final Path spool;
    private final String loop;

    SpoolLoopLogs(SpoolLog log, Path spool, String loop) {
        this.log = log;
        this.spool = spool;
        this.loop = loop;
    }

    @Override
    public DateRange dateRange() throws IOException {
        List<Long> segments = SpoolFiles.segments(spool).getOrDefault(Topics.decisions(loop), List.of());
        Instant from = null;
        Instant to = null;
        for (long n : segments) {
            Instant first = time(SpoolFiles.segment(spool, Topics.decisions(loop), n), true);
            if (first != null) {
                from = first;
                break;
            }
        }
        for (int i = segments.size() - 1; i >= 0 && from != null; i--) {
            Instant last = time(SpoolFiles.segment(spool, Topics.decisions(loop), segments.get(i)), false);
            if (last != null) {
                to = last;
                break;
            }
        }
        return from == null ? null : new DateRange(from, to);
    }

    @Override
    public void delete() throws IOException {
        try {
            CompletableFuture.allOf(log.deleteTopic(Topics.decisions(loop)), log.deleteTopic(Topics.rewards(loop))).join();
        } catch (CompletionException e) {
            throw new IOException("the spool could not delete the logs: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The Timestamp of the segment's first (or last) complete record, or null when it has none. */
    private static Instant time(Path segment, boolean first) throws IOException {
        byte[] bytes;
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, TAIL_BYTES);
            bytes = new byte[size];
            file.seek(first ? 0 : length - size);
            file.readFully(bytes);
        } catch (FileNotFoundException e) {
            return null; // deleted (DELETE /logs) since it was listed
        }
        int end = first ? indexOf(bytes, 0) : lastIndexOf(bytes, bytes.length - 1);
        if (end < 0) {
            return null;
        }
        int start = first ? 0 : lastIndexOf(bytes, end - 1) + 1;
        SpoolRecord record = SpoolRecord.parse(bytes, start, end);
        return record == null ? null : record.timestamp();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(byte[] bytes, int from) {
        for (int i = from; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
