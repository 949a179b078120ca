package io.warren.api;

import io.warren.core.rank.RankRequestException;
import java.nio.charset.StandardCharsets;

/**
 * A strict reader of one JSON text in a byte array, for the rank request: it walks the body once, hands
 * out strings and the extents of values it was told to keep whole (feature objects), and checks all of it
 * as RFC 8259 and Jackson's default settings do (no comments, trailing commas, leading zeros, NaN or
 * control characters in strings; strings valid UTF-8). Feature objects are logged as the bytes that came,
 * so anything it lets through must be JSON that every later reader takes.
 *
 * <p>It replaced Jackson's streaming parser on the rank path, where the parser's set-up per body, its
 * context objects and a String per feature object were about a fifth of a rank. Errors are
 * {@link RankRequestException}s saying "not valid JSON", with the byte offset.
 */
final class JsonCursor {
    /** Deeper nesting than this is refused rather than followed (Jackson's default limit is 1000). */
    static final int MAX_DEPTH = 500;

    private final byte[] bytes;
    private int at;
    /** Set when whitespace skipped held a line break or a tab (see {@link #skippedLineBreakOrTab()}). */
    private boolean skippedLineBreakOrTab;

    JsonCursor(byte[] bytes) {
        this.bytes = bytes;
    }

    int position() {
        return at;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The next byte after whitespace, not consumed; -1 at the end. */
    int peek() {
        while (at < bytes.length) {
            byte b = bytes[at];
            if (b != ' ') {
                if (b != '\n' && b != '\r' && b != '\t') {
                    return b & 0xff;
                }
                skippedLineBreakOrTab = true;
            }
            at++;
        }
        return -1;
    }

    /** Whether whitespace other than spaces was skipped since the last {@link #clearSkippedLineBreakOrTab()}. */
    boolean skippedLineBreakOrTab() {
        return skippedLineBreakOrTab;
    }

    void clearSkippedLineBreakOrTab() {
        skippedLineBreakOrTab = false;
    }

    /** Consumes {@code c} if it comes next (after whitespace). */
    boolean consume(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    void expect(char c) {
        if (!consume(c)) {
            throw invalid("expected '" + c + "'");
        }
    }

    /**
     * After an element of an array or a member of an object: true when another follows (a comma was
     * consumed), false when {@code close} ended the container (consumed).
     */
    boolean more(char close) {
        int next = peek();
        at++;
        if (next == ',') {
            return true;
        }
        if (next == close) {
            return false;
        }
        at--;
        throw invalid("expected ',' or '" + close + "'");
    }

    /** A literal {@code true}, {@code false} or {@code null}, consumed; its first letter, or 0 if none comes next. */
    char literal() {
        int next = peek();
        String word = next == 't' ? "true" : next == 'f' ? "false" : next == 'n' ? "null" : null;
        if (word == null) {
            return 0;
        }
        for (int i = 0; i < word.length(); i++) {
            if (at + i >= bytes.length || bytes[at + i] != word.charAt(i)) {
                throw invalid("an unknown literal");
            }
        }
        at += word.length();
        return (char) next;
    }

    /** The string that comes next, decoded. */
    String string() {
        int from = at + 1;
        boolean plain = skipString();
        int to = at - 1;
        if (plain) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        return unescape(from, to);
    }

    /**
     * Reads a member's name and the colon after it; returns the name's index in {@code names}, or -1 for a
     * name not among them. Names are compared as bytes: no String is made unless the name has escapes.
     */
    int member(String[] names) {
        if (peek() != '"') {
            throw invalid("expected a member name");
        }
        int from = at + 1;
        boolean plain = skipString();
        int to = at - 1;
        expect(':');
        String decoded = plain ? null : unescape(from, to);
        for (int n = 0; n < names.length; n++) {
            if (plain ? asciiEquals(from, to, names[n]) : decoded.equals(names[n])) {
                return n;
            }
        }
        return -1;
    }

    private boolean asciiEquals(int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (bytes[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Skips the value that comes next, checking it. */
    void skipValue() {
        skipValue(0);
    }

    private void skipValue(int depth) {
        if (depth > MAX_DEPTH) {
            throw invalid("nesting deeper than " + MAX_DEPTH);
        }
        int next = peek();
        switch (next) {
            case '{' -> {
                at++;
                if (consume('}')) {
                    return;
                }
                do {
                    if (peek() != '"') {
                        throw invalid("expected a member name");
                    }
                    skipString();
                    expect(':');
                    skipValue(depth + 1);
                } while (more('}'));
            }
            case '[' -> {
                at++;
                if (consume(']')) {
                    return;
                }
                do {
                    skipValue(depth + 1);
                } while (more(']'));
            }
            case '"' -> skipString();
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> skipNumber();
            default -> {
                if (literal() == 0) {
                    throw next < 0 ? invalid("the body ends early") : invalid("an unexpected character");
                }
            }
        }
    }

    /** Skips the string that comes next; returns true when it has no escapes. */
    private boolean skipString() {
        if (peek() != '"') {
            throw invalid("expected a string");
        }
        boolean plain = true;
        int i = at + 1;
        while (true) {
            if (i >= bytes.length) {
                at = i;
                throw invalid("a string without its closing quote");
            }
            int b = bytes[i] & 0xff;
            if (b == '"') {
                at = i + 1;
                return plain;
            }
            if (b < 0x20) {
                at = i;
                throw invalid("a control character in a string (escape it)");
            }
            if (b == '\\') {
                plain = false;
                i = skipEscape(i + 1);
            } else if (b >= 0x80) {
                i = skipUtf8(i, b);
            } else {
                i++;
            }
        }
    }

    private int skipEscape(int i) {
        if (i >= bytes.length) {
            at = i;
            throw invalid("a string without its closing quote");
        }
        switch (bytes[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                for (int k = 1; k <= 4; k++) {
                    if (i + k >= bytes.length || Character.digit(bytes[i + k], 16) < 0) {
                        at = i;
                        throw invalid("a \\u escape without four hex digits");
                    }
                }
                return i + 5;
            }
            default -> {
                at = i;
                throw invalid("an unknown escape");
            }
        }
    }

    /** Skips one UTF-8 encoded character whose first byte {@code lead} is at {@code i}; refuses malformed ones. */
    private int skipUtf8(int i, int lead) {
        int continuation;
        if (lead >= 0xc2 && lead <= 0xdf) {
            continuation = 1;
        } else if (lead >= 0xe0 && lead <= 0xef) {
            continuation = 2;
        } else if (lead >= 0xf0 && lead <= 0xf4) {
            continuation = 3;
        } else {
            at = i;
            throw invalid("a byte that is not UTF-8");
        }
        for (int k = 1; k <= continuation; k++) {
            if (i + k >= bytes.length || (bytes[i + k] & 0xc0) != 0x80) {
                at = i;
                throw invalid("a byte that is not UTF-8");
            }
        }
        return i + 1 + continuation;
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    private void skipNumber() {
        int i = at;
        if (bytes[i] == '-') {
            i++;
        }
        if (i < bytes.length && bytes[i] == '0') {
            i++;
        } else {
            i = digits(i);
        }
        if (i < bytes.length && bytes[i] == '.') {
            i = digits(i + 1);
        }
        if (i < bytes.length && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            if (i < bytes.length && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            i = digits(i);
        }
        at = i; // a digit after a leading zero is refused by whatever reads the next token
    }

    /** Skips one or more digits from {@code i}. */
    private int digits(int i) {
        int start = i;
        while (i < bytes.length && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        if (i == start) {
            at = i;
            throw invalid("a malformed number");
        }
        return i;
    }

    /** The string between {@code from} and {@code to} (its quotes excluded), checked, with escapes decoded. */
    private String unescape(int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int runStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] != '\\') {
                continue;
            }
            out.append(new String(bytes, runStart, i - runStart, StandardCharsets.UTF_8));
            char escaped = (char) bytes[++i];
            switch (escaped) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(new String(bytes, i + 1, 4, StandardCharsets.US_ASCII), 16));
                    i += 4;
                }
                default -> out.append(escaped);
            }
            runStart = i + 1;
        }
        return out.append(new String(bytes, runStart, to - runStart, StandardCharsets.UTF_8)).toString();
    }

    /** Nothing but whitespace may follow the request object. */
    void expectEnd() {
        if (peek() >= 0) {
            throw invalid("unexpected content after the request object");
        }
    }

    RankRequestException invalid(String what) {
        return new RankRequestException("the request body is not valid JSON: " + what + " at byte " + at);
    }
}
