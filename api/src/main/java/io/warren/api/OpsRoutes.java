package io.warren.api;

import java.util.function.Supplier;

/**
 * What operators and orchestrators call, without a key: {@code GET /health/live} (the process answers),
 * {@code GET /health/ready} (it can take events: 503 with the reason otherwise) and {@code GET /metrics}
 * (Prometheus' text format).
 */
final class OpsRoutes {
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";

    private final ApiMetrics metrics;
    /** Null when ready, else why not. */
    private final Supplier<String> notReadyReason;

    OpsRoutes(ApiMetrics metrics, Supplier<String> notReadyReason) {
        this.metrics = metrics;
        this.notReadyReason = notReadyReason;
    }

    static boolean handles(String path) {
        return path.equals("/metrics") || path.startsWith("/health/");
    }

    ApiResponse handle(String method, String path) {
        if (!method.equals("GET")) {
            return ApiResponse.error(405, "BadRequest", method + " is not allowed on " + path);
        }
        return switch (path) {
            case "/health/live" -> ApiResponse.json(200, "{\"status\":\"UP\"}".getBytes());
            case "/health/ready" -> {
                String reason = notReadyReason.get();
                yield reason == null ? ApiResponse.json(200, "{\"status\":\"UP\"}".getBytes())
                        : ApiResponse.error(503, "ServiceUnavailable", reason);
            }
            case "/metrics" -> ApiResponse.text(200, PROMETHEUS, metrics.scrape());
            default -> ApiResponse.error(404, "ResourceNotFound", "no such resource: " + path);
        };
    }
}
