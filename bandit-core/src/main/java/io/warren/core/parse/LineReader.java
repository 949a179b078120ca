package io.warren.core.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads lines as bytes into one reused buffer, stripping a UTF-8 byte-order mark on the first line
 * and the trailing {@code \n} / {@code \r\n}; gzip input is detected by its magic bytes.
 */
public final class LineReader implements AutoCloseable {
    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[4096];
    private int length;
    private long lineNumber;

    public LineReader(InputStream raw) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(raw, 2);
        int b1 = pushback.read();
        int b2 = b1 < 0 ? -1 : pushback.read();
        if (b2 >= 0) {
            pushback.unread(b2);
        }
        if (b1 >= 0) {
            pushback.unread(b1);
        }
        this.in = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(pushback, 1 << 16) : pushback;
    }

    public static LineReader open(Path path) throws IOException {
        return new LineReader(new BufferedInputStream(Files.newInputStream(path), 1 << 16));
    }

    /** Advances to the next line; false at end of input. */
    public boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk, 0, chunk.length);
                chunkPos = 0;
                if (chunkEnd <= 0) {
                    chunkEnd = 0;
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            int start = chunkPos;
            while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') {
                chunkPos++;
            }
            append(start, chunkPos);
            if (chunkPos < chunkEnd) {
                chunkPos++;
                break;
            }
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (lineNumber == 1 && length >= 3 && line[0] == (byte) 0xef && line[1] == (byte) 0xbb && line[2] == (byte) 0xbf) {
            System.arraycopy(line, 3, line, 0, length - 3);
            length -= 3;
        }
        return true;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (length + n > line.length) {
            line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    public byte[] buffer() {
        return line;
    }

    public int length() {
        return length;
    }

    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
