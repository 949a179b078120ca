package io.warren.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.joiner.InvalidRecordException;
import org.junit.jupiter.api.Test;

/** What the TrainJob reads from a loop's config record, and which changes reset a model. */
class TrainConfigTest {
    private static final String RECORD = "{\"loop\":\"demo\",\"service\":{\"rewardWaitTime\":\"PT5S\",\"defaultReward\":-0.5,"
            + "\"rewardAggregation\":\"Sum\",\"explorationPercentage\":0.2,\"modelExportFrequency\":\"PT0.05S\","
            + "\"logRetentionDays\":90,\"learningMode\":\"Apprentice\",\"modelRetrainDays\":2,"
            + "\"lastConfigurationEditDate\":\"2026-01-01T00:00:00Z\"},"
            + "\"policy\":{\"name\":\"p\",\"arguments\":\"  --cb_explore_adf   --epsilon 0.3 -q ::  \"}}";

    @Test
    void readsTheFieldsTrainingUses() {
        TrainConfig c = TrainConfig.fromConfigRecord(RECORD, 7);
        assertThat(c.loop).isEqualTo("demo");
        assertThat(c.offset).isEqualTo(7);
        assertThat(c.learningMode).isEqualTo(TrainConfig.APPRENTICE);
        assertThat(c.trains()).isTrue();
        assertThat(c.exportMillis).as("at least 100 ms").isEqualTo(100);
        assertThat(c.retrainDays).isEqualTo(2);
        assertThat(c.arguments).isEqualTo("--cb_explore_adf --epsilon 0.3 -q ::");
        assertThat(c.rewardWaitMillis).isEqualTo(5000);
        assertThat(c.defaultReward).isEqualTo(-0.5f);
        assertThat(c.rewardAggregation).isEqualTo("sum");
    }

    @Test
    void missingFieldsKeepTheDefaults() {
        TrainConfig c = TrainConfig.fromConfigRecord("{\"loop\":\"demo\"}", 0);
        TrainConfig d = TrainConfig.defaults("demo");
        assertThat(c.learningMode).isEqualTo(TrainConfig.ONLINE);
        assertThat(c.exportMillis).isEqualTo(1000);
        assertThat(c.retrainDays).isEqualTo(4);
        assertThat(c.arguments).isEqualTo(TrainConfig.DEFAULT_ARGUMENTS);
        assertThat(d.modelDiffersUnder(c)).isFalse();
        assertThat(d.offset).isEqualTo(-1);
    }

    @Test
    void policyAndRewardChangesResetTheModelOtherChangesDoNot() {
        TrainConfig d = TrainConfig.defaults("demo");
        TrainConfig other = TrainConfig.defaults("demo");
        other.learningMode = TrainConfig.APPRENTICE;
        other.exportMillis = 500;
        other.retrainDays = 1;
        assertThat(d.modelDiffersUnder(other)).isFalse();
        other.arguments = "--cb_explore_adf --epsilon 0.1";
        assertThat(d.modelDiffersUnder(other)).isTrue();
        for (int i = 0; i < 3; i++) {
            TrainConfig reward = TrainConfig.defaults("demo");
            switch (i) {
                case 0 -> reward.rewardWaitMillis = 1000;
                case 1 -> reward.defaultReward = 0.5f;
                default -> reward.rewardAggregation = "sum";
            }
            assertThat(d.modelDiffersUnder(reward)).isTrue();
        }
        other = TrainConfig.defaults("demo");
        other.learningMode = TrainConfig.LOGGING_ONLY;
        assertThat(other.trains()).isFalse();
    }

    @Test
    void badRecordsAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> TrainConfig.fromConfigRecord("[1]", 0)).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> TrainConfig.fromConfigRecord("{\"service\":{}}", 0))
                .isInstanceOf(InvalidRecordException.class).hasMessageContaining("loop");
        assertThatThrownBy(() -> TrainConfig.fromConfigRecord("{\"loop\":\"x\",\"service\":{\"learningMode\":\"Sometimes\"}}", 0))
                .hasMessageContaining("learningMode");
        assertThatThrownBy(() -> TrainConfig.fromConfigRecord(
                "{\"loop\":\"x\",\"service\":{\"modelExportFrequency\":\"soon\"}}", 0)).hasMessageContaining("modelExportFrequency");
        assertThatThrownBy(() -> TrainConfig.fromConfigRecord(
                "{\"loop\":\"x\",\"policy\":{\"arguments\":\"--no_such_option\"}}", 0)).hasMessageContaining("policy.arguments");
        assertThat(TrainRecords.loopOf("warren.my-loop.joined")).isEqualTo("my-loop");
        assertThatThrownBy(() -> TrainRecords.loopOf("other.topic")).isInstanceOf(InvalidRecordException.class);
    }
}
