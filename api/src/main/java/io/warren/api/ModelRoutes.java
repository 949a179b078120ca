package io.warren.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.config.Policy;
import io.warren.core.driver.DsJsonLearner;
import io.warren.core.driver.LearnerStack;
import io.warren.core.model.Announcement;
import io.warren.core.model.ModelFile;
import io.warren.core.model.ModelStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * A loop's model paths (admin key). Personalizer's: {@code GET /model} is the served model file (Warren's
 * format), {@code PUT /model} imports one, {@code GET /model/properties} gives its creation and
 * modification times, {@code DELETE /model} resets the loop to no model (uniform draws until the next one).
 * Warren's: {@code GET /model/versions} lists the versions announced, {@code POST /model/rollback}
 * {@code {"version": "3"}} serves an older one again.
 *
 * <p>With Kafka and a model store ({@link Published}) an import becomes the next version in the store and,
 * like a reset or a rollback, is announced on {@code warren.<loop>.models}: every API instance serves it
 * and the TrainJob continues from it (DESIGN.md: rollback resets the trainer to the version). Without
 * them the change is this instance's only, and there are no versions to list or roll back to.
 */
final class ModelRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory JSON_OUT = new JsonFactory();

    /** Where this loop's model changes are announced, and what it has announced. */
    record Published(ModelPublisher publisher, ModelWatcher watcher, ModelStore store) {}

    private final String loop;
    private final RankService ranks;
    private final Path imports;
    private final Supplier<Policy> policy;
    private final Published published;
    private final Clock clock;

    /**
     * @param imports         where an imported file waits while it is checked (and, without a store, is kept)
     * @param policy          the loop's policy now: an import must rank as it does, and (to be trained on)
     *                        must have been trained with its arguments
     * @param published       null when the loop's model changes are this instance's only
     */
    ModelRoutes(String loop, RankService ranks, Path imports, Supplier<Policy> policy, Published published,
                Clock clock) {
        this.loop = loop;
        this.ranks = ranks;
        this.imports = imports;
        this.policy = policy;
        this.published = published;
        this.clock = clock;
    }

    /** Whether {@code sub} (the path after {@code /model}: "", "properties", "versions", "rollback") is a model path. */
    static boolean isModelPath(String sub) {
        return sub.isEmpty() || sub.equals("properties") || sub.equals("versions") || sub.equals("rollback");
    }

    ApiResponse handle(String method, String sub, byte[] body) {
        String allowed = switch (sub) {
            case "" -> "GET PUT DELETE";
            case "rollback" -> "POST";
            default -> "GET";
        };
        if (!allowed.contains(method)) {
            return ApiResponse.error(405, "BadRequest", method + " is not allowed on /model" + (sub.isEmpty() ? "" : "/" + sub));
        }
        try {
            return switch (sub) {
                case "properties" -> properties();
                case "versions" -> versions();
                case "rollback" -> rollback(body);
                default -> switch (method) {
                    case "GET" -> servedFile();
                    case "PUT" -> importModel(body);
                    default -> reset();
                };
            };
        } catch (IOException e) {
            return ApiResponse.error(503, "InternalServerError", e.getMessage() + "; retry");
        }
    }

    private ApiResponse properties() {
        RankService.ServedModel served = ranks.served();
        if (served.file() == null) {
            return ApiResponse.json(200, "{}".getBytes(StandardCharsets.UTF_8));
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(served.file(), BasicFileAttributes.class);
            String json = "{\"creationTime\":\"" + DateTimeFormatter.ISO_INSTANT.format(attributes.creationTime()
                    .toInstant()) + "\",\"lastModifiedTime\":\"" + DateTimeFormatter.ISO_INSTANT.format(
                    attributes.lastModifiedTime().toInstant()) + "\"}";
            return ApiResponse.json(200, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return gone(e);
        }
    }

    private ApiResponse servedFile() {
        RankService.ServedModel served = ranks.served();
        if (served.file() == null) {
            return ApiResponse.error(404, "ResourceNotFound", "this loop has no model yet");
        }
        try {
            return new ApiResponse(200, "application/octet-stream", Files.readAllBytes(served.file()), 0);
        } catch (IOException e) {
            return gone(e);
        }
    }

    private static ApiResponse gone(IOException e) {
        return ApiResponse.error(404, "ResourceNotFound", "the served model's file is gone: " + e.getMessage());
    }

    private ApiResponse reset() throws IOException {
        if (published != null) {
            published.publisher().publish(loop, Announcement.reset(clock.instant()));
        }
        ranks.reset();
        return ApiResponse.noContent();
    }

    private ApiResponse importModel(byte[] body) throws IOException {
        Files.createDirectories(imports);
        Path file = imports.resolve("imported-" + clock.millis() + "-" + Thread.currentThread().threadId() + ".wrn");
        Files.write(file, body);
        try {
            LearnerStack.Serving model;
            try {
                model = importable(file);
            } catch (Refused e) {
                Files.deleteIfExists(file);
                return ApiResponse.error(400, "BadRequest", e.getMessage());
            }
            if (published == null) {
                String version = file.getFileName().toString().replace(ModelStore.SUFFIX, "");
                ranks.serve(new RankService.ServedModel(file, version, clock.instant()),
                        ApiServer.modelRankers(model, version));
                return ApiResponse.noContent();
            }
            ModelStore store = published.store();
            long above = Math.max(published.watcher().highestVersion(), store.highestVersion(loop));
            ModelStore.Stored stored = store.writeNext(loop, above,
                    target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING));
            Files.deleteIfExists(file);
            Announcement a = new Announcement(Long.toString(stored.version()), ModelStore.relativePath(loop,
                    stored.version()), stored.sha256(), clock.instant(), 0, policy.get().arguments(),
                    Announcement.Origin.IMPORTED);
            published.publisher().publish(loop, a);
            published.watcher().serve(a, model);
            return ApiResponse.noContent();
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Why a file cannot be imported. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The model in {@code file}, read for serving, when the loop can take it. */
    private LearnerStack.Serving importable(Path file) throws Refused {
        try {
            LearnerStack.Serving model = ApiServer.servable(file, policy.get());
            if (published != null) {
                // The trainer continues from an import, so it must have been trained with the loop's policy.
                String expected = DsJsonLearner.fresh(policy.get().arguments()).modelArguments();
                String trained = ModelFile.readHeader(file).arguments();
                if (!trained.equals(expected)) {
                    throw new Refused("the model was trained with '" + trained + "', the loop's policy is '"
                            + expected + "': set that policy first (PUT /configurations/policy)");
                }
            }
            return model;
        } catch (IOException | RuntimeException e) {
            throw new Refused("not a model this loop can serve: " + e.getMessage());
        }
    }

    private ApiResponse versions() {
        if (published == null) {
            return notPublished();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON_OUT.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("served", ranks.served().version());
            g.writeArrayFieldStart("versions");
            for (Announcement a : published.watcher().versions()) {
                g.writeStartObject();
                g.writeStringField("version", a.version());
                g.writeStringField("createdAt", a.createdAt().toString());
                g.writeNumberField("trainedEvents", a.trainedEvents());
                g.writeStringField("arguments", a.arguments());
                g.writeStringField("origin", a.origin().wire());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ApiResponse.json(200, out.toByteArray());
    }

    private ApiResponse rollback(byte[] body) throws IOException {
        if (published == null) {
            return notPublished();
        }
        String version;
        try {
            JsonNode request = JSON.readTree(body);
            JsonNode v = request == null ? null : request.get("version");
            if (v == null || !(v.isTextual() || v.isIntegralNumber())) {
                return ApiResponse.error(400, "BadRequest", "send {\"version\": \"<an announced version>\"}");
            }
            version = v.asText();
        } catch (IOException e) {
            return ApiResponse.error(400, "BadRequest", "the body is not JSON: " + e.getMessage());
        }
        Announcement a = published.watcher().version(version);
        if (a == null) {
            return ApiResponse.error(404, "ResourceNotFound", "version " + version + " of loop " + loop
                    + " was never announced (GET /model/versions lists them)");
        }
        if (!a.arguments().equals(policy.get().arguments())) {
            return ApiResponse.error(400, "BadRequest", "version " + version + " was trained for the policy '"
                    + a.arguments() + "', the loop's is '" + policy.get().arguments() + "'");
        }
        Announcement again = a.again(Announcement.Origin.ROLLED_BACK, clock.instant());
        LearnerStack.Serving model;
        try {
            model = published.watcher().checked(again);
        } catch (IOException e) {
            return ApiResponse.error(409, "OperationNotAllowed", "version " + version + " cannot be served: " + e.getMessage());
        }
        published.publisher().publish(loop, again);
        published.watcher().serve(again, model);
        return ApiResponse.noContent();
    }

    private static ApiResponse notPublished() {
        return ApiResponse.error(409, "OperationNotAllowed",
                "model versions need Kafka and a model store (warren up, or warren serve --kafka --model-store)");
    }
}
