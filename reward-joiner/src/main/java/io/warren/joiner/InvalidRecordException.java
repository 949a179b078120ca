package io.warren.joiner;

/**
 * A record the joiner cannot use: a malformed topic name, JSON that is not a decision, reward or loop
 * configuration of the documented shape, or a bad timestamp. Retrying does not help; the job counts and
 * drops the record. The message names the field and the offending value.
 */
public final class InvalidRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }

    public InvalidRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
