package io.warren.joiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventTimesTest {
    @ParameterizedTest
    @CsvSource({
            "2026-12-01T19:40:30.123Z, 2026-12-01T19:40:30.123Z",
            "2026-12-01T19:40:30Z, 2026-12-01T19:40:30Z",
            "2026-12-01T19:40:30.1Z, 2026-12-01T19:40:30.100Z",
            "2026-12-01T19:40:30.123999999Z, 2026-12-01T19:40:30.123Z",
            "2021-04-26T17:23:28.1726275, 2021-04-26T17:23:28.172Z",
            "2021-04-26T17:23:28, 2021-04-26T17:23:28Z",
            "2026-12-01T21:40:30.123+02:00, 2026-12-01T19:40:30.123Z",
            "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
            "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z"})
    void readsUtcZoneLessAndOffsetTimes(String text, String utc) {
        assertThat(EventTimes.parseMillis(text)).isEqualTo(Instant.parse(utc).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-12-01 19:40:30Z",
            "2026-12-01T24:00:00Z", "2026-12-01T19:40:30.1234567890Z"})
    void refusesWhatIsNoIsoDateTime(String text) {
        assertThatThrownBy(() -> EventTimes.parseMillis(text)).isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining(text);
    }
}
