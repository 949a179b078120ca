package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The segment being written runs ahead of its lines with zeros; readers see only its complete lines. */
class SpoolPreallocationTest {
    private static final String TOPIC = "warren.pre.decisions";

    @TempDir
    Path spool;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Appends records of about {@code bytes} each and returns the length of their lines. */
    private static long append(SpoolLog log, int count, int bytes) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        long length = 0;
        for (int i = 0; i < count; i++) {
            byte[] key = utf8("event-" + i);
            byte[] value = utf8("{\"pad\":\"" + "x".repeat(bytes) + "\"}");
            done.add(log.append(TOPIC, "event-" + i, value));
            length += SpoolRecord.lineLength(key, value);
        }
        done.forEach(CompletableFuture::join);
        return length;
    }

    @Test
    void theSegmentBeingWrittenHasZerosAfterItsLinesAndIsCutBackToThemWhenClosed() throws Exception {
        Path segment = SpoolFiles.segment(spool, TOPIC, 0);
        long lines;
        try (SpoolLog log = new SpoolLog(spool)) {
            lines = append(log, 300, 2000);
            byte[] file = Files.readAllBytes(segment);
            assertThat((long) file.length).isGreaterThan(lines).isEqualTo(
                    (lines + SpoolLog.PREALLOCATE_BYTES - 1) / SpoolLog.PREALLOCATE_BYTES * SpoolLog.PREALLOCATE_BYTES);
            assertThat(file[(int) lines - 1]).isEqualTo((byte) '\n');
            for (int i = (int) lines; i < file.length; i++) {
                assertThat(file[i]).as("byte %d", i).isZero();
            }
            assertThat(SpoolFiles.endOfLastLine(segment)).isEqualTo(lines);
            assertThat(SpoolFiles.unsentBytes(spool)).isEqualTo(lines);
        }
        assertThat(Files.size(segment)).isEqualTo(lines);
        try (SpoolLog log = new SpoolLog(spool)) {
            long more = append(log, 1, 10);
            assertThat(SpoolFiles.endOfLastLine(segment)).isEqualTo(lines + more);
        }
        assertThat(Files.size(segment)).isGreaterThan(lines);
    }

    @Test
    void completeLinesEndAtTheLastLineFeedBeforeAnyZero() {
        byte[] seen = utf8("a\nbb\ncc\0\0d\n");
        assertThat(SpoolFiles.endOfCompleteLines(seen, 0, seen.length)).isEqualTo(5);
        byte[] torn = utf8("a\nbb");
        assertThat(SpoolFiles.endOfCompleteLines(torn, 0, torn.length)).isEqualTo(2);
        byte[] none = utf8("\0a\n");
        assertThat(SpoolFiles.endOfCompleteLines(none, 0, none.length)).isZero();
    }
}
