package io.warren.core.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads lines as byte ranges without copying when a line lies within the current read chunk (almost
 * always); a line that straddles two chunks is assembled in a side buffer. Strips a UTF-8 byte-order
 * mark on the first line and the trailing {@code \n} / {@code \r\n}; gzip input is detected by its
 * magic bytes. The newline search reads eight bytes at a time.
 */
public final class LineReader implements AutoCloseable {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0a0a0a0a0a0a0a0aL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 17];
    private int chunkPos;
    private int chunkEnd;
    private byte[] assembled = new byte[4096];
    private byte[] lineBuffer;
    private int lineStart;
    private int length;
    private long lineNumber;
    private boolean eof;

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
        if (chunkPos == chunkEnd && !refill()) {
            return false;
        }
        int newline = findNewline(chunk, chunkPos, chunkEnd);
        if (newline >= 0) {
            lineBuffer = chunk;
            lineStart = chunkPos;
            length = newline - chunkPos;
            chunkPos = newline + 1;
        } else {
            assembleAcrossChunks();
        }
        lineNumber++;
        if (length > 0 && lineBuffer[lineStart + length - 1] == '\r') {
            length--;
        }
        if (lineNumber == 1 && length >= 3 && lineBuffer[lineStart] == (byte) 0xef
                && lineBuffer[lineStart + 1] == (byte) 0xbb && lineBuffer[lineStart + 2] == (byte) 0xbf) {
            lineStart += 3;
            length -= 3;
        }
        return true;
    }

    private void assembleAcrossChunks() throws IOException {
        int n = 0;
        while (true) {
            int newline = findNewline(chunk, chunkPos, chunkEnd);
            int end = newline >= 0 ? newline : chunkEnd;
            int piece = end - chunkPos;
            if (n + piece > assembled.length) {
                assembled = java.util.Arrays.copyOf(assembled, Math.max(assembled.length * 2, n + piece));
            }
            System.arraycopy(chunk, chunkPos, assembled, n, piece);
            n += piece;
            if (newline >= 0) {
                chunkPos = newline + 1;
                break;
            }
            chunkPos = chunkEnd;
            if (!refill()) {
                break;
            }
        }
        lineBuffer = assembled;
        lineStart = 0;
        length = n;
    }

    private boolean refill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.readNBytes(chunk, 0, chunk.length);
        chunkPos = 0;
        chunkEnd = Math.max(n, 0);
        if (n < chunk.length) {
            eof = true;
        }
        return chunkEnd > 0;
    }

    /** Index of the first '\n' in {@code [from, to)}, or -1. */
    static int findNewline(byte[] b, int from, int to) {
        int p = from;
        while (p + 8 <= to) {
            long word = (long) LONGS.get(b, p) ^ NEWLINES;
            long found = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (found != 0) {
                return p + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            p += 8;
        }
        for (; p < to; p++) {
            if (b[p] == '\n') {
                return p;
            }
        }
        return -1;
    }

    /** The array holding the current line; valid until the next call to {@link #next()}. */
    public byte[] buffer() {
        return lineBuffer;
    }

    public int start() {
        return lineStart;
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
