package io.warren.joiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JoinInputTest {
    @Test
    void decisionTakesLoopFromTopicAndTimeFromItsTimestamp() {
        String json = Records.singleSlotDecision("e1", "2026-12-01T19:40:30.123Z", false);
        JoinInput in = JoinInput.of("warren.shop-eu-1.decisions", "e1", json);
        assertThat(in.loop).isEqualTo("shop-eu-1");
        assertThat(in.eventId).isEqualTo("e1");
        assertThat(in.kind).isEqualTo(JoinInput.Kind.DECISION);
        assertThat(in.timestampMillis).isEqualTo(Instant.parse("2026-12-01T19:40:30.123Z").toEpochMilli());
        assertThat(in.json).isSameAs(json);
        assertThat(in.joinKey()).isEqualTo("shop-eu-1/e1");
    }

    @Test
    void rewardAndActivationAreToldApartByKind() {
        assertThat(JoinInput.of("warren.demo.rewards", "e1", Records.reward("e1", "2026-12-01T19:40:30Z", 1f)).kind)
                .isEqualTo(JoinInput.Kind.REWARD);
        assertThat(JoinInput.of("warren.demo.rewards", "e1", Records.activation("e1", "2026-12-01T19:40:30Z")).kind)
                .isEqualTo(JoinInput.Kind.ACTIVATE);
    }

    @Test
    void eventIdComesFromTheKeyWhenTheValueHasNone() {
        JoinInput in = JoinInput.of("warren.demo.rewards", "e7",
                "{\"Timestamp\":\"2026-12-01T19:40:30Z\",\"kind\":\"reward\",\"value\":1}");
        assertThat(in.eventId).isEqualTo("e7");
    }

    @Test
    void zoneLessTimestampIsUtc() {
        JoinInput in = JoinInput.of("warren.demo.decisions", null,
                Records.singleSlotDecision("e1", "2021-04-26T17:23:28.1726275", false));
        assertThat(in.timestampMillis).isEqualTo(Instant.parse("2021-04-26T17:23:28.172Z").toEpochMilli());
    }

    @Test
    void topicThatIsNoDecisionsOrRewardsTopicIsRefused() {
        assertThatThrownBy(() -> JoinInput.of("warren.demo.joined", "e1", "{}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("warren.demo.joined");
        assertThatThrownBy(() -> JoinInput.of("warren.Demo.rewards", "e1", "{}"))
                .isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void keyAndEventIdMustAgree() {
        assertThatThrownBy(() -> JoinInput.of("warren.demo.rewards", "e2", Records.reward("e1", "2026-12-01T19:40:30Z", 1f)))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'e2'").hasMessageContaining("'e1'");
    }

    @Test
    void rewardNeedsANumericValueAndAKnownKind() {
        assertThatThrownBy(() -> JoinInput.of("warren.demo.rewards", "e1",
                "{\"EventId\":\"e1\",\"Timestamp\":\"2026-12-01T19:40:30Z\",\"kind\":\"reward\",\"value\":\"x\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("numeric value");
        assertThatThrownBy(() -> JoinInput.of("warren.demo.rewards", "e1",
                "{\"EventId\":\"e1\",\"Timestamp\":\"2026-12-01T19:40:30Z\",\"kind\":\"click\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'click'");
    }

    @Test
    void valueThatIsNotJsonOrHasNoTimestampIsRefused() {
        assertThatThrownBy(() -> JoinInput.of("warren.demo.decisions", "e1", "{\"EventId\":"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> JoinInput.of("warren.demo.decisions", "e1", "[1]"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> JoinInput.of("warren.demo.decisions", "e1", "{\"EventId\":\"e1\"}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("Timestamp is required");
    }
}
