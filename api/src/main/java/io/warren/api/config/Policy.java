package io.warren.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.warren.core.driver.LearnerStack;
import io.warren.core.driver.VwOptions;
import java.util.List;

/** A loop's learning policy, Personalizer's {@code PolicyContract}: a name and VW arguments. */
public record Policy(String name, String arguments) {
    /** Personalizer's default learning policy (DESIGN.md). */
    public static final Policy DEFAULT = new Policy("Personalizer default",
            "--cb_explore_adf --epsilon 0.2 --power_t 0 -l 0.001 --cb_type mtr -q ::");

    /**
     * Reads a PUT body: a name of at most 256 characters and arguments of at most 1024 that Warren's
     * learner takes as a contextual-bandit exploration policy over action lines ({@code --cb_explore_adf}).
     */
    public static Policy parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the policy must be a JSON object {\"name\", \"arguments\"}");
        }
        JsonNode name = body.get("name");
        JsonNode arguments = body.get("arguments");
        if (name == null || !name.isTextual() || name.asText().isEmpty() || name.asText().length() > 256) {
            throw invalid("name must be a string of 1 to 256 characters");
        }
        if (arguments == null || !arguments.isTextual() || arguments.asText().isBlank()
                || arguments.asText().length() > 1024) {
            throw invalid("arguments must be VW arguments of at most 1024 characters");
        }
        Policy policy = new Policy(name.asText(), arguments.asText().trim());
        policy.check();
        return policy;
    }

    /** The arguments as VW options. */
    /** Whether the policy fills slots ({@code --ccb_explore_adf}: multi-slot ranks) rather than ranking one. */
    public boolean fillsSlots() {
        return options().has("ccb_explore_adf");
    }

    public VwOptions options() {
        return VwOptions.parse(List.of(arguments.split("\\s+")));
    }

    private void check() {
        LearnerStack stack;
        try {
            stack = LearnerStack.build(options());
        } catch (RuntimeException e) {
            throw invalid("the learner refuses these arguments: " + e.getMessage());
        }
        if (!stack.servesRanks()) {
            throw invalid("the arguments must make an exploring policy over action lines (--cb_explore_adf) or "
                    + "slots (--ccb_explore_adf)");
        }
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("name", name);
        out.put("arguments", arguments);
        return out;
    }

    private static ConfigException invalid(String message) {
        return new ConfigException("InvalidPolicyConfiguration", message);
    }
}
