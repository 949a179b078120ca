package io.warren.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.ApiResponse;
import io.warren.api.EventTime;
import java.io.IOException;
import java.time.Clock;

/**
 * Personalizer's configuration paths for one loop: {@code GET|PUT /configurations/service} and
 * {@code GET|PUT|DELETE /configurations/policy} (DELETE puts back the default policy). Bodies are checked
 * with Personalizer's rules; an accepted change is saved before it is answered.
 */
public final class ConfigRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoopConfigStore store;
    private final Clock clock;

    public ConfigRoutes(LoopConfigStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** {@code resource} is the path segment after {@code /configurations/}. */
    public ApiResponse handle(String method, String resource, byte[] body) {
        try {
            return switch (resource) {
                case "service" -> switch (method) {
                    case "GET" -> ok(store.service().toJson());
                    case "PUT" -> {
                        store.setService(ServiceConfiguration.parse(read(body), store.service(), EventTime.now(clock)));
                        yield ok(store.service().toJson());
                    }
                    default -> notAllowed(method, resource);
                };
                case "policy" -> switch (method) {
                    case "GET" -> ok(store.policy().toJson());
                    case "PUT" -> {
                        store.setPolicy(Policy.parse(read(body)));
                        yield ok(store.policy().toJson());
                    }
                    case "DELETE" -> {
                        store.setPolicy(Policy.DEFAULT);
                        yield ok(store.policy().toJson());
                    }
                    default -> notAllowed(method, resource);
                };
                default -> ApiResponse.error(404, "ResourceNotFound", "no such configuration: " + resource);
            };
        } catch (ConfigException e) {
            return ApiResponse.error(400, e.code(), e.getMessage());
        }
    }

    private static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ConfigException("BadRequest", "the body is not valid JSON");
        }
    }

    private static ApiResponse ok(JsonNode body) {
        try {
            return ApiResponse.json(200, JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiResponse notAllowed(String method, String resource) {
        return ApiResponse.error(405, "BadRequest", method + " is not allowed on /configurations/" + resource);
    }
}
