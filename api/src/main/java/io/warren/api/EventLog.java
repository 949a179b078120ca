package io.warren.api;

import java.util.concurrent.CompletableFuture;

/**
 * Where the API puts decisions and rewards before it answers: a record is appended under a topic
 * (DESIGN.md's {@code warren.<loop>.decisions}, {@code .rewards}) with the event id as its key, and the
 * returned future completes only once the record is durable. The API answers 2xx only after that.
 */
public interface EventLog extends AutoCloseable {
    /** Appends {@code value}, one JSON text as UTF-8 (taken as it is: the caller no longer changes it). */
    CompletableFuture<Void> append(String topic, String key, byte[] value);

    @Override
    void close();
}
