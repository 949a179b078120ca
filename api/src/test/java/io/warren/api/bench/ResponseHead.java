package io.warren.api.bench;

import java.nio.charset.StandardCharsets;

/** Reads what {@link RateLoad} needs from an HTTP/1.1 response head held in a byte array, allocating nothing. */
final class ResponseHead {
    private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

    private ResponseHead() {}

    /** The index just past the head's closing blank line within {@code bytes[0, limit)}, or -1 before it came. */
    static int end(byte[] bytes, int limit) {
        for (int i = 3; i < limit; i++) {
            if (bytes[i] == '\n' && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The status code of a head that starts {@code HTTP/1.1 NNN}. */
    static int status(byte[] head) {
        return (head[9] - '0') * 100 + (head[10] - '0') * 10 + (head[11] - '0');
    }

    /** The value of the Content-Length header (names compared ignoring case), or -1 without one. */
    static int contentLength(byte[] head, int headEnd) {
        for (int line = 0; line < headEnd; line = nextLine(head, line, headEnd)) {
            if (startsWithIgnoringCase(head, line, headEnd)) {
                int i = line + CONTENT_LENGTH.length;
                while (head[i] == ' ') {
                    i++;
                }
                int length = 0;
                for (; head[i] >= '0' && head[i] <= '9'; i++) {
                    length = length * 10 + head[i] - '0';
                }
                return length;
            }
        }
        return -1;
    }

    private static int nextLine(byte[] head, int from, int headEnd) {
        for (int i = from; i < headEnd; i++) {
            if (head[i] == '\n') {
                return i + 1;
            }
        }
        return headEnd;
    }

    private static boolean startsWithIgnoringCase(byte[] head, int from, int headEnd) {
        if (from + CONTENT_LENGTH.length > headEnd) {
            return false;
        }
        for (int i = 0; i < CONTENT_LENGTH.length; i++) {
            if (Character.toLowerCase(head[from + i]) != CONTENT_LENGTH[i]) {
                return false;
            }
        }
        return true;
    }
}
