package io.warren.core.parse;

/** A malformed input line: carries what was wrong; the reader adds file and line number. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message, null, false, false);
    }
}
