package io.warren.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.warren.api.config.LoopConfigStore;
import io.warren.core.driver.LearnerStack;
import io.warren.core.loop.Topics;
import io.warren.core.rank.Ranker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The loops one API process serves, and how a loop is added: at start (the default loop, {@code --loop}s,
 * and every loop added before, found by its kept keys under {@code <data>/loops/<loop>/}) or while running
 * ({@code PUT /loops/<loop>} with the default loop's admin key). Adding a loop sets up its rank service,
 * configuration, keys, model watcher and metrics, and sends its configuration record to the spool (and so
 * to {@code warren.<loop>.config}, where the jobs find it); a loop added while running also gets its topics.
 */
final class Loops {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_KEY_LENGTH = 256;

    private final ApiServer.Settings settings;
    private final ApiServer.Models models;
    private final ApiMetrics metrics;
    private final SpoolLog spool;
    private final Map<String, PersonalizerRoutes> routes = new ConcurrentHashMap<>();
    /** What each loop holds open (its followers of Kafka topics), closed with the loop or the server. */
    private final Map<String, List<AutoCloseable>> closeables = new ConcurrentHashMap<>();

    Loops(ApiServer.Settings settings, ApiServer.Models models, ApiMetrics metrics, SpoolLog spool) {
        this.settings = settings;
        this.models = models;
        this.metrics = metrics;
        this.spool = spool;
    }

    /** Stops what the loops follow. */
    void close() {
        for (String loop : List.copyOf(closeables.keySet())) {
            closeLoop(loop);
        }
    }

    private void closeLoop(String loop) {
        for (AutoCloseable c : closeables.getOrDefault(loop, List.of())) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
        closeables.remove(loop);
    }

    /** The loop's routes, or null when it is not served here. */
    PersonalizerRoutes get(String loop) {
        return routes.get(loop);
    }

    /** Loops added while running before this start: directories under {@code <data>/loops} with a kept key. */
    List<String> keptLoops() throws IOException {
        List<String> found = new ArrayList<>();
        Path dir = settings.dataDir().resolve("loops");
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (DirectoryStream<Path> loops = Files.newDirectoryStream(dir)) {
            for (Path loop : loops) {
                String name = loop.getFileName().toString();
                if (name.matches(Topics.LOOP_ID) && Files.exists(loop.resolve("key")) && !routes.containsKey(name)) {
                    found.add(name);
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** Serves a loop whose keys are kept under its directory (made on first use). */
    void addKept(String loop) throws IOException {
        Path dir = ApiServer.loopDir(settings, loop);
        add(loop, null, Keys.kept(dir.resolve("key")), Keys.kept(dir.resolve("admin-key")));
    }

    /** Serves a loop; {@code model} is a model file to serve from the start, or null. */
    synchronized void add(String loop, Path model, String clientKey, String adminKey) throws IOException {
        if (!loop.matches(Topics.LOOP_ID)) {
            throw new IllegalArgumentException("loop ids match " + Topics.LOOP_ID + ", not '" + loop + "'");
        }
        int rankers = 2 * Runtime.getRuntime().availableProcessors();
        LoopConfigStore config = new LoopConfigStore(ApiServer.loopDir(settings, loop), settings.policy(),
                settings.service());
        Supplier<Ranker> untrained = () -> new Ranker(LearnerStack.build(config.policy().options()), false, "");
        RankService ranks = model == null ? new RankService(loop, untrained, rankers, Clock.systemUTC())
                : new RankService(loop, untrained, new RankService.ServedModel(model, model.getFileName().toString(),
                        Instant.now()), ApiServer.modelRankers(ApiServer.servable(model, config.policy()), model.getFileName().toString()), rankers,
                        Clock.systemUTC());
        LoopLogs logs = settings.kafkaBootstrap() == null ? new SpoolLoopLogs(spool, ApiServer.spoolDir(settings), loop)
                : new KafkaLoopLogs(settings.kafkaBootstrap(), loop);
        List<AutoCloseable> held = closeables.computeIfAbsent(loop, l -> new java.util.concurrent.CopyOnWriteArrayList<>());
        ModelRoutes.Published published = null;
        if (models != null) {
            ModelWatcher watcher = new ModelWatcher(loop, settings.kafkaBootstrap(), models.store(), ranks, config::policy);
            held.add(watcher);
            published = new ModelRoutes.Published(models.publisher(), watcher, models.store());
        }
        KnownEvents known = new KnownEvents(loop, () -> config.service().rewardWaitTime(), Clock.systemUTC(),
                settings.kafkaBootstrap(), ApiServer.spoolDir(settings));
        held.add(known);
        PersonalizerRoutes loopRoutes = new PersonalizerRoutes(loop, ranks, Clock.systemUTC(), config, clientKey,
                adminKey, settings.requestsPerSecondPerKey(), ApiServer.loopDir(settings, loop).resolve("models"),
                published, logs, known);
        // The jobs learn each loop's configuration from its config topic, so it goes there at every start.
        PersonalizerRoutes.Reply record = loopRoutes.currentConfiguration();
        spool.append(record.topic(), record.key(), record.records().get(0)).join();
        metrics.addLoop(loop, ranks);
        routes.put(loop, loopRoutes);
    }

    /**
     * {@code PUT /loops/<loop>}: adds a loop while running, with the keys in the body ({@code {"key",
     * "adminKey"}}, both optional; random ones otherwise). 201 with its endpoint path and keys.
     */
    synchronized ApiResponse create(String loop, byte[] body) {
        if (!loop.matches(Topics.LOOP_ID)) {
            return ApiResponse.error(400, "BadRequest", "loop ids match " + Topics.LOOP_ID + ", not '" + loop + "'");
        }
        if (routes.containsKey(loop)) {
            return ApiResponse.error(409, "Conflict", "loop '" + loop + "' exists");
        }
        String key;
        String adminKey;
        try {
            JsonNode request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
            if (request == null || !request.isObject()) {
                return ApiResponse.error(400, "BadRequest", "the body is a JSON object {\"key\", \"adminKey\"}, both optional");
            }
            key = keyIn(request, "key");
            adminKey = keyIn(request, "adminKey");
        } catch (IOException e) {
            return ApiResponse.error(400, "BadRequest", "the body is not JSON: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(400, "BadRequest", e.getMessage());
        }
        if (key.equals(adminKey)) {
            return ApiResponse.error(400, "BadRequest", "the key and the admin key must differ");
        }
        try {
            if (settings.kafkaBootstrap() != null) {
                LoopTopics.create(settings.kafkaBootstrap(), loop, Optional.empty());
            }
            Path dir = ApiServer.loopDir(settings, loop);
            Keys.keep(dir.resolve("key"), key);
            Keys.keep(dir.resolve("admin-key"), adminKey);
            add(loop, null, key, adminKey);
        } catch (IOException e) {
            return ApiResponse.error(503, "InternalServerError", "loop '" + loop + "' could not be added: "
                    + e.getMessage() + "; retry");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ApiResponse.error(503, "InternalServerError", "interrupted; retry");
        }
        String json = "{\"loop\":\"" + loop + "\",\"endpoint\":\"/loops/" + loop + "\",\"key\":\"" + key
                + "\",\"adminKey\":\"" + adminKey + "\"}";
        return ApiResponse.json(201, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code DELETE /loops/<loop>}: stops serving a loop added while running and forgets its keys,
     * configuration and model history, so a restart does not bring it back (204). Its Kafka topics and the
     * models in the model store stay for whoever wants the data. The default loop and the loops named at
     * start are part of the command line: 409.
     */
    synchronized ApiResponse remove(String loop) {
        if (!routes.containsKey(loop)) {
            return ApiResponse.error(404, "ResourceNotFound", "no loop '" + loop + "' here");
        }
        if (loop.equals(settings.loop()) || settings.moreLoops().contains(loop)) {
            return ApiResponse.error(409, "OperationNotAllowed", "loop '" + loop
                    + "' is named on the command line; remove it there and restart");
        }
        routes.remove(loop);
        closeLoop(loop);
        metrics.removeLoop(loop);
        try {
            deleteTree(ApiServer.loopDir(settings, loop));
        } catch (IOException e) {
            return ApiResponse.error(503, "InternalServerError", "loop '" + loop + "' is no longer served, but its"
                    + " directory could not be deleted (" + e.getMessage() + "); retry to delete it");
        }
        return ApiResponse.noContent();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** A key from the request: printable ASCII without quotes or backslashes, at most 256 characters. */
    private static String keyIn(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return Keys.random();
        }
        String key = node.isTextual() ? node.asText() : "";
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > ' ' && c < 127
                && c != '"' && c != '\\')) {
            throw new IllegalArgumentException(field + " must be 1 to " + MAX_KEY_LENGTH
                    + " printable ASCII characters without quotes or backslashes");
        }
        return key;
    }
}
