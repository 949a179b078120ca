package io.warren.api;

import java.io.IOException;
import java.time.Instant;

/**
 * A loop's logs of rank and reward calls, for Personalizer's {@code GET /logs/properties} and
 * {@code DELETE /logs}: with Kafka, the loop's topics ({@link KafkaLoopLogs}); without it, the local spool
 * ({@link SpoolLoopLogs}).
 */
interface LoopLogs {
    /** The times of the first and last logged event, or null when nothing is logged. */
    DateRange dateRange() throws IOException;

    /** Deletes every event of the loop logged so far. */
    void delete() throws IOException;

    record DateRange(Instant from, Instant to) {}
}
