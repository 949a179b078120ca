package io.warren.api;

import java.io.IOException;
import java.time.Instant;

/**
 * A loop's logs of rank and reward calls, for Personalizer's {@code GET /logs/properties} and
 * {@code DELETE /logs}: with Kafka, the loop's topics ({@link KafkaLoopLogs}); without it, the local spool,
 * which can be read but not deleted from while the API appends to it.
 */
interface LoopLogs {
    /** The times of the first and last logged event, or null when nothing is logged. */
    DateRange dateRange() throws IOException;

    /** Deletes every logged event of the loop, or says why it cannot (an {@link UnsupportedOperationException}). */
    void delete() throws IOException;

    record DateRange(Instant from, Instant to) {}
}
