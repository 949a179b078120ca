package io.warren.joiner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LateReasonTest {
    @Test
    void reasonIsAddedAsTheLastField() {
        assertThat(LateReason.UNKNOWN_SLOT.mark("{\"EventId\":\"e1\",\"value\":1} "))
                .isEqualTo("{\"EventId\":\"e1\",\"value\":1,\"_lateReason\":\"unknown-slot\"} ");
        assertThat(LateReason.NO_DECISION.mark("{ }")).isEqualTo("{ \"_lateReason\":\"no-decision\"}");
    }
}
