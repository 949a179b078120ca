package io.warren.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * A loop's service configuration, Personalizer's {@code ServiceConfiguration} with its field names and
 * ISO-8601 durations, checked with Personalizer's rules except that any reward wait of at least one
 * second is allowed (Personalizer took 5 s to 2 days) and a model export frequency down to 100 ms.
 */
public record ServiceConfiguration(Duration rewardWaitTime, float defaultReward, String rewardAggregation,
                                   float explorationPercentage, Duration modelExportFrequency, int logRetentionDays,
                                   String learningMode, boolean isAutoOptimizationEnabled,
                                   Duration autoOptimizationFrequency, int modelRetrainDays,
                                   String lastConfigurationEditDate) {
    public static final Set<String> LEARNING_MODES = Set.of("Online", "Apprentice", "LoggingOnly");
    private static final Set<String> AGGREGATIONS = Set.of("earliest", "sum");

    /** Personalizer's defaults, with the embedded stack's one-second model export. */
    public static ServiceConfiguration defaults() {
        return new ServiceConfiguration(Duration.ofMinutes(10), 0f, "earliest", 0.2f, Duration.ofSeconds(1), 90,
                "Online", false, Duration.ofDays(7), 4, null);
    }

    /** This configuration with another reward wait (at least one second). */
    public ServiceConfiguration withRewardWaitTime(Duration wait) {
        if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid("rewardWaitTime must be at least 1 second, not " + wait);
        }
        return new ServiceConfiguration(wait, defaultReward, rewardAggregation, explorationPercentage,
                modelExportFrequency, logRetentionDays, learningMode, isAutoOptimizationEnabled,
                autoOptimizationFrequency, modelRetrainDays, lastConfigurationEditDate);
    }

    /**
     * Reads a PUT body, checking every field; {@code current} is the configuration it replaces (a learning
     * mode switch between Online and Apprentice may not change the reward settings in the same call).
     */
    public static ServiceConfiguration parse(JsonNode body, ServiceConfiguration current, String editDate) {
        if (body == null || !body.isObject()) {
            throw new ConfigException("InvalidServiceConfiguration", "the service configuration must be a JSON object");
        }
        Duration wait = duration(body, "rewardWaitTime", true, null);
        if (wait.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid("rewardWaitTime must be at least 1 second, not " + body.get("rewardWaitTime").asText());
        }
        float defaultReward = number(body, "defaultReward", -1, 1);
        String aggregation = text(body, "rewardAggregation", true, null).toLowerCase(Locale.ROOT);
        if (!AGGREGATIONS.contains(aggregation)) {
            throw invalid("rewardAggregation must be 'earliest' or 'sum', not '" + body.get("rewardAggregation").asText() + "'");
        }
        float exploration = number(body, "explorationPercentage", 0, 1);
        Duration export = duration(body, "modelExportFrequency", true, null);
        if (export.compareTo(Duration.ofMillis(100)) < 0) {
            throw invalid("modelExportFrequency must be at least 100 ms, not " + body.get("modelExportFrequency").asText());
        }
        JsonNode retention = body.get("logRetentionDays");
        if (retention == null || !retention.canConvertToInt() || !retention.isIntegralNumber() || retention.asInt() < -1) {
            throw invalid("logRetentionDays must be a whole number of days, or -1 to keep logs forever");
        }
        String mode = text(body, "learningMode", false, current.learningMode());
        if (!LEARNING_MODES.contains(mode)) {
            throw invalid("learningMode must be Online, Apprentice or LoggingOnly, not '" + mode + "'");
        }
        JsonNode auto = body.get("isAutoOptimizationEnabled");
        if (auto != null && !auto.isNull() && !auto.isBoolean()) {
            throw invalid("isAutoOptimizationEnabled must be true or false");
        }
        Duration autoFrequency = duration(body, "autoOptimizationFrequency", false, current.autoOptimizationFrequency());
        JsonNode retrain = body.get("modelRetrainDays");
        int retrainDays = current.modelRetrainDays();
        if (retrain != null && !retrain.isNull()) {
            if (!retrain.isIntegralNumber() || retrain.asInt() < 0) {
                throw invalid("modelRetrainDays must be a whole number of days, at least 0");
            }
            retrainDays = retrain.asInt();
        }
        ServiceConfiguration next = new ServiceConfiguration(wait, defaultReward, aggregation, exploration, export,
                retention.asInt(), mode, auto != null && auto.asBoolean(), autoFrequency, retrainDays, editDate);
        boolean apprenticeSwitch = !mode.equals(current.learningMode())
                && (mode.equals("Apprentice") || current.learningMode().equals("Apprentice"));
        if (apprenticeSwitch && (!wait.equals(current.rewardWaitTime()) || defaultReward != current.defaultReward()
                || !aggregation.equals(current.rewardAggregation()))) {
            throw new ConfigException("InvalidLearningModeServiceConfiguration", "change the learning mode between "
                    + "Online and Apprentice on its own, then defaultReward, rewardWaitTime or rewardAggregation in a "
                    + "second call");
        }
        return next;
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("rewardWaitTime", rewardWaitTime.toString());
        out.put("defaultReward", defaultReward);
        out.put("rewardAggregation", rewardAggregation);
        out.put("explorationPercentage", explorationPercentage);
        out.put("modelExportFrequency", modelExportFrequency.toString());
        out.put("logRetentionDays", logRetentionDays);
        out.put("learningMode", learningMode);
        out.put("isAutoOptimizationEnabled", isAutoOptimizationEnabled);
        out.put("autoOptimizationFrequency", autoOptimizationFrequency.toString());
        out.put("modelRetrainDays", modelRetrainDays);
        if (lastConfigurationEditDate != null) {
            out.put("lastConfigurationEditDate", lastConfigurationEditDate);
        }
        return out;
    }

    private static ConfigException invalid(String message) {
        return new ConfigException("InvalidServiceConfiguration", message);
    }

    private static String text(JsonNode body, String field, boolean required, String fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw invalid(field + " is required");
            }
            return fallback;
        }
        if (!v.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return v.asText();
    }

    private static float number(JsonNode body, String field, float min, float max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw invalid(field + " is required");
        }
        if (!v.isNumber() || !(v.floatValue() >= min && v.floatValue() <= max)) {
            throw invalid(field + " must be a number from " + min + " to " + max + ", not " + v);
        }
        return v.floatValue();
    }

    private static Duration duration(JsonNode body, String field, boolean required, Duration fallback) {
        String text = text(body, field, required, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an ISO-8601 duration such as PT10M, not '" + text + "'");
        }
    }
}
