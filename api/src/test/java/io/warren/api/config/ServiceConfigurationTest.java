package io.warren.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigurationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode body() {
        return ServiceConfiguration.defaults().toJson();
    }

    private static ServiceConfiguration parse(JsonNode body) {
        return ServiceConfiguration.parse(body, ServiceConfiguration.defaults(), "2026-12-01T00:00:00Z");
    }

    @Test
    void acceptsAnyRewardWaitFromOneSecondAndExportsFrom100Milliseconds() {
        ServiceConfiguration c = parse(body().put("rewardWaitTime", "PT1S").put("modelExportFrequency", "PT0.1S"));
        assertThat(c.rewardWaitTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.modelExportFrequency()).isEqualTo(Duration.ofMillis(100));
        assertThatThrownBy(() -> parse(body().put("rewardWaitTime", "PT0.5S"))).hasMessageContaining("at least 1 second");
        assertThatThrownBy(() -> parse(body().put("modelExportFrequency", "PT0.05S"))).hasMessageContaining("100 ms");
        assertThatThrownBy(() -> parse(body().put("rewardWaitTime", "ten minutes"))).hasMessageContaining("ISO-8601");
    }

    @Test
    void refusesValuesOutsidePersonalizersRanges() {
        assertThatThrownBy(() -> parse(body().put("defaultReward", 1.5))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("defaultReward");
        assertThatThrownBy(() -> parse(body().put("explorationPercentage", -0.1)))
                .hasMessageContaining("explorationPercentage");
        assertThatThrownBy(() -> parse(body().put("rewardAggregation", "max"))).hasMessageContaining("'earliest' or 'sum'");
        assertThatThrownBy(() -> parse(body().put("logRetentionDays", -2))).hasMessageContaining("logRetentionDays");
        assertThatThrownBy(() -> parse(body().put("learningMode", "Offline"))).hasMessageContaining("learningMode");
        ObjectNode missing = body();
        missing.remove("defaultReward");
        assertThatThrownBy(() -> parse(missing)).hasMessageContaining("defaultReward is required");
    }

    @Test
    void aSwitchToApprenticeMayNotChangeTheRewardSettingsInTheSameCall() {
        assertThatThrownBy(() -> parse(body().put("learningMode", "Apprentice").put("defaultReward", 0.5)))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.code()).isEqualTo("InvalidLearningModeServiceConfiguration"));
        ServiceConfiguration apprentice = parse(body().put("learningMode", "Apprentice"));
        assertThat(apprentice.learningMode()).isEqualTo("Apprentice");
        ServiceConfiguration later = ServiceConfiguration.parse(apprentice.toJson().put("defaultReward", 0.5),
                apprentice, "2026-12-01T00:00:01Z");
        assertThat(later.defaultReward()).isEqualTo(0.5f);
    }

    @Test
    void aSavedConfigurationIsThereAfterARestart() throws Exception {
        LoopConfigStore store = new LoopConfigStore(dir, Policy.DEFAULT);
        store.setService(parse(body().put("rewardWaitTime", "PT30S")));
        store.setPolicy(Policy.parse(JSON.readTree("{\"name\":\"p\",\"arguments\":\"--cb_explore_adf --epsilon 0.3\"}")));
        LoopConfigStore reopened = new LoopConfigStore(dir, Policy.DEFAULT);
        assertThat(reopened.service().rewardWaitTime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(reopened.service().lastConfigurationEditDate()).isEqualTo("2026-12-01T00:00:00Z");
        assertThat(reopened.policy()).isEqualTo(new Policy("p", "--cb_explore_adf --epsilon 0.3"));
    }

    @Test
    void aPolicyMustBeAnExploringActionLinePolicyTheLearnerTakes() {
        assertThatThrownBy(() -> Policy.parse(JSON.readTree("{\"name\":\"p\",\"arguments\":\"--cb_adf\"}")))
                .hasMessageContaining("--cb_explore_adf");
        assertThatThrownBy(() -> Policy.parse(JSON.readTree(
                "{\"name\":\"p\",\"arguments\":\"--cb_explore_adf --passes 3\"}"))).hasMessageContaining("refuses");
        assertThatThrownBy(() -> Policy.parse(JSON.readTree("{\"name\":\"\",\"arguments\":\"--cb_explore_adf\"}")))
                .hasMessageContaining("name");
    }
}
