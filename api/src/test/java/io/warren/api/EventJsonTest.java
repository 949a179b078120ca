package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.core.rank.RankRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    /** Leading zero bytes make Jackson read the body as UTF-32, which then fails to decode: still a bad request. */
    private static final byte[] TAKEN_FOR_UTF32 = {0, 0, 0, '{', 0, (byte) 0xfe, 0, 0};

    @Test
    void bodiesJacksonTakesForAnotherEncodingAreBadRequests() {
        assertThatThrownBy(() -> EventJson.rewardValue(TAKEN_FOR_UTF32)).isInstanceOf(RankRequestException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> EventJson.slotRewards(TAKEN_FOR_UTF32)).isInstanceOf(RankRequestException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void aRewardValueInRangeIsRead() {
        assertThat(EventJson.rewardValue("{\"value\": -0.5}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-0.5f);
    }
}
