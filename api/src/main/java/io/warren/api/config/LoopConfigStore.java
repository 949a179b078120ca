package io.warren.api.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A loop's service configuration and policy, kept in one JSON file ({@code <dir>/loop-config.json},
 * replaced atomically), read once at start and after that served from memory.
 */
public final class LoopConfigStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Current(ServiceConfiguration service, Policy policy) {}

    private final Path file;
    private volatile Current current;

    public LoopConfigStore(Path dir, Policy initialPolicy) throws IOException {
        this(dir, initialPolicy, ServiceConfiguration.defaults());
    }

    /** A loop that has saved no configuration yet starts with {@code initialPolicy} and {@code initialService}. */
    public LoopConfigStore(Path dir, Policy initialPolicy, ServiceConfiguration initialService) throws IOException {
        Files.createDirectories(dir);
        this.file = dir.resolve("loop-config.json");
        if (Files.exists(file)) {
            JsonNode saved = JSON.readTree(file.toFile());
            ServiceConfiguration defaults = ServiceConfiguration.defaults();
            JsonNode edit = saved.get("service").get("lastConfigurationEditDate");
            current = new Current(ServiceConfiguration.parse(saved.get("service"), defaults,
                    edit == null ? null : edit.asText()), Policy.parse(saved.get("policy")));
        } else {
            current = new Current(initialService, initialPolicy);
        }
    }

    public ServiceConfiguration service() {
        return current.service();
    }

    public Policy policy() {
        return current.policy();
    }

    public synchronized void setService(ServiceConfiguration service) {
        save(new Current(service, current.policy()));
    }

    public synchronized void setPolicy(Policy policy) {
        save(new Current(current.service(), policy));
    }

    /**
     * The loop's record on its config topic ({@code warren.<loop>.config}, compacted, key = loop id), which
     * the join and training jobs follow: {@code {"loop", "service", "policy"}}.
     */
    public byte[] record(String loop) {
        Current now = current;
        ObjectNode root = JSON.createObjectNode();
        root.put("loop", loop);
        root.set("service", now.service().toJson());
        root.set("policy", now.policy().toJson());
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save(Current next) {
        ObjectNode root = JSON.createObjectNode();
        root.set("service", next.service().toJson());
        root.set("policy", next.policy().toJson());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the loop configuration to " + file, e);
        }
        current = next;
    }
}
