package io.warren.core.parse;

import java.util.Arrays;

/**
 * The tokens of one JSON text, pulled one at a time, on a {@link JsonCursor}: what VW's JSON reader
 * ({@link DsJsonParser}) consumes. Names and strings are handed over as UTF-8 (escapes decoded), numbers
 * as their literal's characters: without Jackson's parser set-up per line and without decoding the text
 * to chars and encoding it back. The structure is checked as it is read; a broken text throws the
 * cursor's {@link JsonCursor.SyntaxException}. Reusable ({@link #reset}); not thread-safe.
 */
final class JsonTokens {
    enum Token { START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, NAME, STRING, NUMBER, TRUE, FALSE, NULL }

    /** What may come next. */
    private enum Expect { VALUE, FIRST_MEMBER, FIRST_ELEMENT, AFTER_VALUE, END }

    private final JsonCursor cursor = new JsonCursor();
    /** Per open container, whether it is an object. */
    private boolean[] inObject = new boolean[16];
    private int depth;
    private Expect expect;
    private Token current;
    /** The current name's or string's content (between its quotes) and whether it has escapes. */
    private int textFrom;
    private int textTo;
    private boolean textPlain;
    /** Where the current value starts (a number's literal is read from there), and the last name's opening quote. */
    private int valueStart;
    private int nameQuote;
    /** A number's literal as characters, for {@link JsonNumber}. */
    private char[] chars = new char[32];

    /** Reads {@code bytes[from, to)}. */
    void reset(byte[] bytes, int from, int to) {
        cursor.reset(bytes, from, to);
        depth = 0;
        expect = Expect.VALUE;
        current = null;
    }

    /** The next token, or null after the root value (when nothing but whitespace follows it). */
    Token next() {
        current = read();
        return current;
    }

    Token current() {
        return current;
    }

    private Token read() {
        return switch (expect) {
            case END -> {
                cursor.expectEnd();
                yield null;
            }
            case AFTER_VALUE -> {
                if (cursor.consume(',')) {
                    yield inObject[depth - 1] ? name() : value();
                }
                yield close();
            }
            case FIRST_MEMBER -> cursor.peek() == '}' ? close() : name();
            case FIRST_ELEMENT -> cursor.peek() == ']' ? close() : value();
            case VALUE -> value();
        };
    }

    /** The close of the innermost container, which must come next. */
    private Token close() {
        boolean object = inObject[depth - 1];
        if (!cursor.consume(object ? '}' : ']')) {
            throw cursor.invalid(object ? "expected ',' or '}'" : "expected ',' or ']'");
        }
        depth--;
        afterValue();
        return object ? Token.END_OBJECT : Token.END_ARRAY;
    }

    private Token name() {
        if (cursor.peek() != '"') {
            throw cursor.invalid("expected a member name");
        }
        nameQuote = cursor.position();
        text();
        cursor.expect(':');
        expect = Expect.VALUE;
        return Token.NAME;
    }

    private Token value() {
        int next = cursor.peek();
        valueStart = cursor.position();
        switch (next) {
            case '{', '[' -> {
                if (depth == JsonCursor.MAX_DEPTH) {
                    throw cursor.invalid("nesting deeper than " + JsonCursor.MAX_DEPTH);
                }
                cursor.consume((char) next);
                if (depth == inObject.length) {
                    inObject = Arrays.copyOf(inObject, 2 * depth);
                }
                boolean object = next == '{';
                inObject[depth++] = object;
                expect = object ? Expect.FIRST_MEMBER : Expect.FIRST_ELEMENT;
                return object ? Token.START_OBJECT : Token.START_ARRAY;
            }
            case '"' -> {
                text();
                afterValue();
                return Token.STRING;
            }
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                cursor.skipNumber();
                afterValue();
                return Token.NUMBER;
            }
            default -> {
                char literal = cursor.requiredLiteral();
                afterValue();
                return literal == 't' ? Token.TRUE : literal == 'f' ? Token.FALSE : Token.NULL;
            }
        }
    }

    private void text() {
        textFrom = cursor.position() + 1;
        textPlain = cursor.skipString();
        textTo = cursor.position() - 1;
    }

    private void afterValue() {
        expect = depth == 0 ? Expect.END : Expect.AFTER_VALUE;
    }

    /** Skips the rest of the object or array whose start is the current token (reading it all, checked). */
    void skipChildren() {
        if (current != Token.START_OBJECT && current != Token.START_ARRAY) {
            return;
        }
        int open = depth;
        while (depth >= open) {
            next();
        }
    }

    /**
     * The current name or string as UTF-8 into {@code out}; false when it holds an unpaired surrogate
     * escape (no UTF-8 encodes one), which VW's reader refuses.
     */
    boolean text(Utf8Scratch out) {
        if (textPlain) {
            out.set(cursor.bytes(), textFrom, textTo - textFrom);
            return true;
        }
        String decoded = cursor.unescape(textFrom, textTo);
        return out.encode(decoded.toCharArray(), 0, decoded.length());
    }

    /** The current number's literal copied as characters to {@link #chars()}; returns its length. */
    int numberChars() {
        int length = cursor.position() - valueStart;
        if (chars.length < length) {
            chars = new char[length];
        }
        byte[] bytes = cursor.bytes();
        for (int i = 0; i < length; i++) {
            chars[i] = (char) bytes[valueStart + i];
        }
        return length;
    }

    char[] chars() {
        return chars;
    }

    /** The opening quote of the last name read, as an index into the bytes read. */
    int nameQuote() {
        return nameQuote;
    }

    /** Where reading has got to, as an index into the bytes read. */
    int position() {
        return cursor.position();
    }
}
