package io.warren.api;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Event timestamps as records carry them: ISO-8601 UTC, to the millisecond (DESIGN.md). */
public final class EventTime {
    private EventTime() {}

    public static String now(Clock clock) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    }
}
