package io.warren.api;

/**
 * A token bucket per key: {@code perSecond} requests a second on average, bursts up to one second's
 * worth. {@link #tryAcquire} says how long to wait when the bucket is empty (for {@code Retry-After}).
 */
final class RateLimiter {
    private final double perSecond;
    private final double capacity;
    private double tokens;
    private long last;

    /** @param perSecond the sustained rate; 0 or less turns limiting off */
    RateLimiter(double perSecond, long nowNanos) {
        this.perSecond = perSecond;
        this.capacity = Math.max(1, perSecond);
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /** 0 when the request may go ahead, else the whole seconds until a token is there (at least 1). */
    synchronized long tryAcquire(long nowNanos) {
        if (perSecond <= 0) {
            return 0;
        }
        tokens = Math.min(capacity, tokens + (nowNanos - last) / 1e9 * perSecond);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
    }
}
