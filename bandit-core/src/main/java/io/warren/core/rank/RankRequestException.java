package io.warren.core.rank;

/** A rank request that breaks Personalizer's rules; the message says which rule, for the caller. */
public final class RankRequestException extends RuntimeException {
    public RankRequestException(String message) {
        super(message, null, false, false);
    }
}
