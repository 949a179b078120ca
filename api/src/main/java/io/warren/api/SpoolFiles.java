package io.warren.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The spool's layout on disk. Each topic is a run of segment files {@code <topic>.<n>.log} (n counting up
 * from 0, zero-padded); only the highest is appended to. How far Kafka has acknowledged a topic is
 * {@code <topic>.sent}: the segment number and the byte offset in it.
 */
final class SpoolFiles {
    static final String SUFFIX = ".log";
    private static final String SENT_SUFFIX = ".sent";

    /** A place in a topic's spool: a segment and a byte offset in it. */
    record Position(long segment, long offset) {}

    private SpoolFiles() {}

    static Path segment(Path dir, String topic, long n) {
        return dir.resolve(topic + "." + String.format("%020d", n) + SUFFIX);
    }

    /** Every topic in the spool with its segment numbers, ascending. */
    static Map<String, List<Long>> segments(Path dir) throws IOException {
        Map<String, List<Long>> out = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String stem = name.substring(0, name.length() - SUFFIX.length());
                int dot = stem.lastIndexOf('.');
                if (dot <= 0) {
                    continue;
                }
                try {
                    long n = Long.parseLong(stem.substring(dot + 1));
                    out.computeIfAbsent(stem.substring(0, dot), t -> new ArrayList<>()).add(n);
                } catch (NumberFormatException e) {
                    // not a segment of ours
                }
            }
        }
        out.values().forEach(list -> list.sort(null));
        return out;
    }

    /** Deletes the topic's segments and its sent position. */
    static void delete(Path dir, String topic) throws IOException {
        for (long n : segments(dir).getOrDefault(topic, List.of())) {
            Files.deleteIfExists(segment(dir, topic, n));
        }
        Files.deleteIfExists(dir.resolve(topic + SENT_SUFFIX));
    }

    /** How far Kafka has acknowledged {@code topic}; segment 0, offset 0 before anything was sent. */
    static Position sent(Path dir, String topic) throws IOException {
        Path file = dir.resolve(topic + SENT_SUFFIX);
        if (!Files.exists(file)) {
            return new Position(0, 0);
        }
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
        return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    /** Records {@code position} durably (written beside, forced, then moved over the old one). */
    static void writeSent(Path dir, String topic, Position position) throws IOException {
        Path target = dir.resolve(topic + SENT_SUFFIX);
        Path tmp = dir.resolve(topic + SENT_SUFFIX + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap((position.segment() + " " + position.offset())
                    .getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Bytes of every topic not yet acknowledged by Kafka. */
    static long unsentBytes(Path dir) throws IOException {
        long unsent = 0;
        for (Map.Entry<String, List<Long>> topic : segments(dir).entrySet()) {
            Position sent = sent(dir, topic.getKey());
            for (long n : topic.getValue()) {
                if (n >= sent.segment()) {
                    long size = Files.size(segment(dir, topic.getKey(), n));
                    unsent += n == sent.segment() ? size - sent.offset() : size;
                }
            }
        }
        return unsent;
    }
}
