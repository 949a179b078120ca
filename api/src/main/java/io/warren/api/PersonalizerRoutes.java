package io.warren.api;

import io.warren.api.config.ConfigRoutes;
import io.warren.api.config.LoopConfigStore;
import io.warren.core.loop.Topics;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.Ranker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Set;

/**
 * Personalizer's REST paths, in both versions its SDKs speak ({@code /personalizer/v1.0} and
 * {@code /personalizer/v1.1-preview.3}), for one loop: which request goes where, Personalizer's status
 * codes (rank 201, reward and activate 204) and its error body for everything refused. The HTTP server
 * only moves bytes; what a request must log before it is answered comes back with the answer.
 */
public final class PersonalizerRoutes {
    private static final Set<String> VERSIONS = Set.of("v1.0", "v1.1-preview.3");

    /**
     * What a request gets: the response, and the records (JSON as UTF-8) to make durable before it is sent
     * (none when {@code topic} is null). {@code refusal}, when not null, completes with the response to send instead
     * (nothing stored), or with null to go ahead: a reward for an event id not known yet waits for it.
     */
    public record Reply(ApiResponse response, String topic, String key, List<byte[]> records,
                        CompletableFuture<ApiResponse> refusal) {
        public static Reply of(ApiResponse response) {
            return new Reply(response, null, null, List.of(), null);
        }

        static Reply logging(ApiResponse response, String topic, String key, byte[] record) {
            return new Reply(response, topic, key, List.of(record), null);
        }
    }

    private final String loop;
    private final RankService ranks;
    private final Clock clock;
    private final LoopConfigStore config;
    private final ConfigRoutes configRoutes;
    private final ModelRoutes modelRoutes;
    private final byte[] clientKey;
    private final byte[] adminKey;
    private final RateLimiter clientLimit;
    private final RateLimiter adminLimit;

    private final LoopLogs logs;
    private final KnownEvents knownEvents;

    /**
     * @param clientKey the key products send in {@code Ocp-Apim-Subscription-Key} to rank and reward
     * @param adminKey  the key that may also read and change the loop's configuration
     * @param requestsPerSecondPerKey each key's rate limit (0: none); more gets 429 with Retry-After
     * @param modelImports where models imported with {@code PUT /model} are checked (and kept without a store)
     * @param models where the loop's model changes are announced, or null when they are this instance's only
     * @param logs the loop's logs, for {@code GET /logs/properties} and {@code DELETE /logs}
     * @param knownEvents the event ids the loop decided recently: rewards for others are refused
     */
    PersonalizerRoutes(String loop, RankService ranks, Clock clock, LoopConfigStore config, String clientKey,
                       String adminKey, double requestsPerSecondPerKey, Path modelImports,
                       ModelRoutes.Published models, LoopLogs logs, KnownEvents knownEvents) {
        this.loop = loop;
        this.logs = logs;
        this.knownEvents = knownEvents;
        this.ranks = ranks;
        this.clock = clock;
        this.config = config;
        this.configRoutes = new ConfigRoutes(config, clock);
        this.modelRoutes = new ModelRoutes(loop, ranks, modelImports, config::policy, models, clock);
        this.clientKey = clientKey.getBytes(StandardCharsets.UTF_8);
        this.adminKey = adminKey.getBytes(StandardCharsets.UTF_8);
        this.clientLimit = new RateLimiter(requestsPerSecondPerKey, System.nanoTime());
        this.adminLimit = new RateLimiter(requestsPerSecondPerKey, System.nanoTime());
    }

    /** Whether {@code key} is this loop's admin key (compared in constant time). */
    boolean isAdminKey(String key) {
        return MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8), adminKey);
    }

    /** The loop's current configuration record, to publish when the API starts. */
    public Reply currentConfiguration() {
        return Reply.logging(ApiResponse.noContent(), Topics.config(loop), loop, config.record(loop));
    }

    /** The route a path is counted under in the metrics: a fixed set, whatever the path holds. */
    static String routeOf(String path) {
        if (path.equals("/health/live") || path.equals("/health/ready") || path.equals("/metrics")) {
            return path.substring(1);
        }
        String[] parts = path.split("/", -1);
        if (parts.length == 5 && parts[3].equals("multislot") && parts[4].equals("rank")) {
            return "multislot/rank";
        }
        if (parts.length == 7 && parts[3].equals("multislot") && parts[4].equals("events")) {
            return parts[6].equals("reward") || parts[6].equals("activate") ? "multislot/" + parts[6] : "other";
        }
        if (parts.length == 4 && parts[3].equals("rank")) {
            return "rank";
        }
        if (parts.length == 6 && parts[3].equals("events")) {
            return parts[5].equals("reward") || parts[5].equals("activate") ? parts[5] : "other";
        }
        if (parts.length == 5 && parts[3].equals("configurations")) {
            return parts[4].equals("service") || parts[4].equals("policy") ? "configurations/" + parts[4] : "other";
        }
        if (parts.length >= 4 && parts[3].equals("model")
                && (parts.length == 4 || parts.length == 5 && ModelRoutes.isModelPath(parts[4]))) {
            return parts.length == 4 ? "model" : "model/" + parts[4];
        }
        if (parts.length >= 4 && parts[3].equals("logs")) {
            return parts.length == 4 ? "logs" : "logs/properties";
        }
        return "other";
    }

    /**
     * @param key the request's {@code Ocp-Apim-Subscription-Key} header, or null; compared in constant time
     *            and never echoed or logged
     */
    public Reply handle(String method, String path, String key, byte[] body) {
        String[] parts = path.split("/", -1);
        // "", "personalizer", version, resource...
        if (parts.length < 4 || !parts[0].isEmpty() || !parts[1].equals("personalizer") || !VERSIONS.contains(parts[2])) {
            return notFound(path);
        }
        if (key == null) {
            return Reply.of(ApiResponse.error(401, "Unauthorized",
                    "send the loop's key in the Ocp-Apim-Subscription-Key header"));
        }
        byte[] sent = key.getBytes(StandardCharsets.UTF_8);
        boolean admin = MessageDigest.isEqual(sent, adminKey);
        if (!admin && !MessageDigest.isEqual(sent, clientKey)) {
            return Reply.of(ApiResponse.error(401, "Unauthorized",
                    "the Ocp-Apim-Subscription-Key header does not hold this loop's key"));
        }
        long wait = (admin ? adminLimit : clientLimit).tryAcquire(System.nanoTime());
        if (wait > 0) {
            return Reply.of(ApiResponse.tooManyRequests(wait));
        }
        if (parts.length == 5 && parts[3].equals("configurations")) {
            if (!admin) {
                return Reply.of(ApiResponse.error(403, "Forbidden", "the loop's configuration needs its admin key"));
            }
            ApiResponse response = configRoutes.handle(method, parts[4], body);
            if (response.status() != 200 || method.equals("GET")) {
                return Reply.of(response);
            }
            if (parts[4].equals("policy")) {
                // The served model was trained for the old policy: rank uniformly with the new one until
                // the trainer publishes a model for it.
                ranks.reset();
            }
            return Reply.logging(response, Topics.config(loop), loop, config.record(loop));
        }
        if (parts[3].equals("model") && (parts.length == 4 || (parts.length == 5 && ModelRoutes.isModelPath(parts[4])))) {
            if (!admin) {
                return Reply.of(ApiResponse.error(403, "Forbidden", "the loop's model needs its admin key"));
            }
            return Reply.of(modelRoutes.handle(method, parts.length == 5 ? parts[4] : "", body));
        }
        if (parts[3].equals("logs") && (parts.length == 4 || (parts.length == 5 && parts[4].equals("properties")))) {
            if (!admin) {
                return Reply.of(ApiResponse.error(403, "Forbidden", "the loop's logs need its admin key"));
            }
            return Reply.of(logs(method, parts.length == 5));
        }
        // Multi-slot paths are the single-slot ones under /multislot.
        boolean multiSlot = parts[3].equals("multislot");
        int at = multiSlot ? 4 : 3;
        if (parts.length == at + 1 && parts[at].equals("rank")) {
            if (!method.equals("POST")) {
                return methodNotAllowed(method, path);
            }
            String mode = config.service().learningMode();
            RankService.Outcome outcome = multiSlot ? ranks.rankSlots(body, mode) : ranks.rank(body, mode);
            if (outcome.decision() == null) {
                return Reply.of(outcome.response());
            }
            knownEvents.decided(outcome.eventId());
            return Reply.logging(outcome.response(), Topics.decisions(loop), outcome.eventId(), outcome.decision());
        }
        if (parts.length == at + 3 && parts[at].equals("events")
                && (parts[at + 2].equals("reward") || parts[at + 2].equals("activate"))) {
            if (!method.equals("POST")) {
                return methodNotAllowed(method, path);
            }
            return event(decode(parts[at + 1]), parts[at + 2], body, multiSlot);
        }
        return notFound(path);
    }

    /** {@code GET /logs/properties}: the logged events' date range; {@code DELETE /logs}: every logged event. */
    private ApiResponse logs(String method, boolean properties) {
        String expected = properties ? "GET" : "DELETE";
        if (!method.equals(expected)) {
            return ApiResponse.error(405, "BadRequest", method + " is not allowed on /logs" + (properties ? "/properties" : ""));
        }
        try {
            if (!properties) {
                logs.delete();
                return ApiResponse.noContent();
            }
            LoopLogs.DateRange range = logs.dateRange();
            String body = range == null ? "{\"dateRange\":{}}"
                    : "{\"dateRange\":{\"from\":\"" + range.from() + "\",\"to\":\"" + range.to() + "\"}}";
            return ApiResponse.json(200, body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return ApiResponse.error(503, "InternalServerError", e.getMessage() + "; retry");
        }
    }

    /** A reward or activation: one record, or for a multi-slot reward one record per rewarded slot. */
    private Reply event(String eventId, String kind, byte[] body, boolean multiSlot) {
        if (eventId.isEmpty() || eventId.length() > Ranker.MAX_ID_LENGTH || Ranker.hasControlCharacter(eventId)) {
            return Reply.of(ApiResponse.error(400, "BadRequest", "eventId must have 1 to " + Ranker.MAX_ID_LENGTH
                    + " characters and no control characters"));
        }
        String timestamp = EventTime.now(clock);
        List<byte[]> records = new ArrayList<>(1);
        try {
            if (!kind.equals("reward")) {
                records.add(EventJson.record(eventId, timestamp, kind, null));
            } else if (!multiSlot) {
                records.add(EventJson.record(eventId, timestamp, kind, EventJson.rewardValue(body)));
            } else {
                for (EventJson.SlotReward reward : EventJson.slotRewards(body)) {
                    records.add(EventJson.record(eventId, timestamp, kind, reward.value(), reward.slotId()));
                }
            }
        } catch (RankRequestException e) {
            return Reply.of(ApiResponse.error(400, "BadRequest", e.getMessage()));
        }
        CompletableFuture<ApiResponse> refusal = knownEvents.known(eventId)
                .thenApply(known -> known ? null : knownEvents.unknown(eventId));
        return new Reply(ApiResponse.noContent(), Topics.rewards(loop), eventId, records, refusal);
    }

    private static String decode(String segment) {
        return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Reply notFound(String path) {
        return Reply.of(ApiResponse.error(404, "ResourceNotFound", "no such resource: " + path));
    }

    private static Reply methodNotAllowed(String method, String path) {
        return Reply.of(ApiResponse.error(405, "BadRequest", method + " is not allowed on " + path));
    }
}
