package io.warren.core.parse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A strict reader of one JSON text in a byte range: it walks the text once, hands out strings and the
 * extents of values the caller keeps whole, and checks all of it as RFC 8259 and Jackson's default
 * settings do (no comments, trailing commas, leading zeros, NaN or control characters in strings; strings
 * valid UTF-8; nesting past {@link #MAX_DEPTH} refused). The rank request reader walks a body with it
 * directly; {@link JsonTokens} makes a token stream of it for VW's JSON reader. What it lets through is
 * logged as the bytes that came, so it must be JSON that every later reader takes.
 *
 * <p>It replaced Jackson's streaming parser on the rank path, where a parser's set-up per text, its
 * context objects and the re-encoding of its chars as UTF-8 were a fifth of a rank. Errors are
 * {@link SyntaxException}s naming what was wrong and the offset from the start of the range. Reusable
 * ({@link #reset}); not thread-safe.
 */
public final class JsonCursor {
    /** Deeper nesting than this is refused rather than followed (Jackson's default limit is 1000). */
    public static final int MAX_DEPTH = 500;

    /** The text is not JSON: what was wrong and where. */
    public static final class SyntaxException extends RuntimeException {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    private byte[] bytes;
    private int from;
    private int end;
    private int at;
    /** Set when whitespace skipped held a line break or a tab (see {@link #skippedLineBreakOrTab()}). */
    private boolean skippedLineBreakOrTab;
    /** See {@link #lastStringPlain()}. */
    private boolean lastStringPlain;

    public JsonCursor() {
        this(new byte[0]);
    }

    public JsonCursor(byte[] bytes) {
        reset(bytes, 0, bytes.length);
    }

    /** Reads {@code bytes[from, to)} from its start. */
    public void reset(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.end = to;
        this.at = from;
        this.skippedLineBreakOrTab = false;
    }

    /** Where the cursor is, as an index into {@link #bytes()}. */
    public int position() {
        return at;
    }

    public byte[] bytes() {
        return bytes;
    }

    /** The next byte after whitespace, not consumed; -1 at the end. */
    public int peek() {
        while (at < end) {
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
    public boolean skippedLineBreakOrTab() {
        return skippedLineBreakOrTab;
    }

    public void clearSkippedLineBreakOrTab() {
        skippedLineBreakOrTab = false;
    }

    /** Consumes {@code c} if it comes next (after whitespace). */
    public boolean consume(char c) {
        if (peek() == c) {
            at++;
            return true;
        }
        return false;
    }

    public void expect(char c) {
        if (!consume(c)) {
            throw invalid("expected '" + c + "'");
        }
    }

    /**
     * After an element of an array or a member of an object: true when another follows (a comma was
     * consumed), false when {@code close} ended the container (consumed).
     */
    public boolean more(char close) {
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

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    /** A literal {@code true}, {@code false} or {@code null}, consumed; its first letter, or 0 if none comes next. */
    public char literal() {
        int next = peek();
        byte[] word = next == 't' ? TRUE : next == 'f' ? FALSE : next == 'n' ? NULL : null;
        if (word == null) {
            return 0;
        }
        if (at + word.length > end || !Arrays.equals(bytes, at, at + word.length, word, 0, word.length)) {
            throw invalid("an unknown literal");
        }
        at += word.length;
        return (char) next;
    }

    /** The literal that must come next, consumed; its first letter. Anything else breaks the text here. */
    char requiredLiteral() {
        int next = peek();
        char literal = literal();
        if (literal == 0) {
            throw invalid(next < 0 ? "the text ends early" : "an unexpected character");
        }
        return literal;
    }

    /** The string that comes next, decoded. */
    public String string() {
        int from = at + 1;
        boolean plain = skipString();
        lastStringPlain = plain;
        int to = at - 1;
        if (plain) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        return unescape(from, to);
    }

    /**
     * Whether the last {@link #string()} had no escapes: then its bytes as sent, quotes included, are what
     * a JSON writer writes for it (checked UTF-8, no control characters, nothing a writer must escape).
     */
    public boolean lastStringPlain() {
        return lastStringPlain;
    }

    /** Member names a reader looks for, kept as the bytes a plain name is compared with. */
    public static final class Names {
        private final String[] text;
        private final byte[][] ascii;

        private Names(String[] text) {
            this.text = text;
            this.ascii = new byte[text.length][];
            for (int n = 0; n < text.length; n++) {
                ascii[n] = text[n].getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    /** The names (ASCII) a reader's {@link #member} calls look for, in the order their indices give. */
    public static Names names(String... names) {
        return new Names(names.clone());
    }

    /**
     * Reads a member's name and the colon after it; returns the name's index in {@code names}, or -1 for a
     * name not among them. Names are compared as bytes: no String is made unless the name has escapes.
     */
    public int member(Names names) {
        if (peek() != '"') {
            throw invalid("expected a member name");
        }
        int from = at + 1;
        boolean plain = skipString();
        int to = at - 1;
        expect(':');
        String decoded = plain ? null : unescape(from, to);
        for (int n = 0; n < names.text.length; n++) {
            if (plain ? Arrays.equals(bytes, from, to, names.ascii[n], 0, names.ascii[n].length)
                    : decoded.equals(names.text[n])) {
                return n;
            }
        }
        return -1;
    }

    /** Skips the value that comes next, checking it. */
    public void skipValue() {
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
            default -> requiredLiteral();
        }
    }

    /** Skips the string that comes next; returns true when it has no escapes. */
    boolean skipString() {
        if (peek() != '"') {
            throw invalid("expected a string");
        }
        boolean plain = true;
        int i = at + 1;
        while (true) {
            if (i >= end) {
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
        if (i >= end) {
            at = i;
            throw invalid("a string without its closing quote");
        }
        switch (bytes[i]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 1;
            }
            case 'u' -> {
                for (int k = 1; k <= 4; k++) {
                    if (i + k >= end || Character.digit(bytes[i + k], 16) < 0) {
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
            if (i + k >= end || (bytes[i + k] & 0xc0) != 0x80) {
                at = i;
                throw invalid("a byte that is not UTF-8");
            }
        }
        // The second byte's range after E0, ED, F0 and F4: no overlong forms, surrogates or code points past U+10FFFF.
        int second = bytes[i + 1] & 0xff;
        if (lead == 0xe0 && second < 0xa0 || lead == 0xed && second >= 0xa0 || lead == 0xf0 && second < 0x90
                || lead == 0xf4 && second >= 0x90) {
            at = i;
            throw invalid("a byte that is not UTF-8");
        }
        return i + 1 + continuation;
    }

    /** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
    void skipNumber() {
        int i = at;
        if (bytes[i] == '-') {
            i++;
        }
        if (i < end && bytes[i] == '0') {
            i++;
        } else {
            i = digits(i);
        }
        if (i < end && bytes[i] == '.') {
            i = digits(i + 1);
        }
        if (i < end && (bytes[i] == 'e' || bytes[i] == 'E')) {
            i++;
            if (i < end && (bytes[i] == '+' || bytes[i] == '-')) {
                i++;
            }
            i = digits(i);
        }
        at = i; // a digit after a leading zero is refused by whatever reads the next token
    }

    /** Skips one or more digits from {@code i}. */
    private int digits(int i) {
        int start = i;
        while (i < end && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        if (i == start) {
            at = i;
            throw invalid("a malformed number");
        }
        return i;
    }

    /** The string between {@code from} and {@code to} (its quotes excluded), checked, with escapes decoded. */
    String unescape(int from, int to) {
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

    /** Nothing but whitespace may follow the value read. */
    public void expectEnd() {
        if (peek() >= 0) {
            throw invalid("content after the value");
        }
    }

    SyntaxException invalid(String what) {
        return new SyntaxException(what + " at byte " + (at - from));
    }
}
