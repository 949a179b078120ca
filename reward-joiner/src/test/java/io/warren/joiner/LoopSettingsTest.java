package io.warren.joiner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopSettingsTest {
    @Test
    void readsTheServiceConfigurationFieldsTheJoinUses() {
        LoopSettings s = LoopSettings.fromConfigRecord("{\"loop\":\"demo\",\"service\":{\"rewardWaitTime\":\"PT4H\","
                + "\"defaultReward\":-0.5,\"rewardAggregation\":\"Sum\",\"explorationPercentage\":0.2,"
                + "\"modelExportFrequency\":\"PT5M\",\"learningMode\":\"Online\"},"
                + "\"policy\":{\"name\":\"p\",\"arguments\":\"--cb_explore_adf --epsilon 0.2\"}}");
        assertThat(s).isEqualTo(new LoopSettings("demo", Duration.ofHours(4), -0.5f, Aggregation.SUM));
        assertThat(s.rewardWait()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void missingFieldsKeepTheDefaults() {
        assertThat(LoopSettings.fromConfigRecord("{\"loop\":\"demo\",\"service\":{}}"))
                .isEqualTo(LoopSettings.defaults("demo"))
                .isEqualTo(new LoopSettings("demo", Duration.ofMinutes(10), 0f, Aggregation.EARLIEST));
        assertThat(LoopSettings.fromConfigRecord("{\"loop\":\"demo\"}")).isEqualTo(LoopSettings.defaults("demo"));
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> LoopSettings.fromConfigRecord("{\"loop\":\"demo\",\"service\":{\"rewardWaitTime\":\"10m\"}}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("rewardWaitTime").hasMessageContaining("'10m'");
        assertThatThrownBy(() -> LoopSettings.fromConfigRecord("{\"loop\":\"demo\",\"service\":{\"rewardWaitTime\":\"PT0.5S\"}}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> LoopSettings.fromConfigRecord("{\"loop\":\"demo\",\"service\":{\"rewardAggregation\":\"max\"}}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'max'");
        assertThatThrownBy(() -> LoopSettings.fromConfigRecord("{\"loop\":\"demo\",\"service\":{\"defaultReward\":\"1\"}}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("defaultReward");
        assertThatThrownBy(() -> LoopSettings.fromConfigRecord("{\"service\":{}}"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("'loop'");
        assertThatThrownBy(() -> LoopSettings.fromConfigRecord("nope"))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("not valid JSON");
    }
}
