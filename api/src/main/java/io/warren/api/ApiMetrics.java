package io.warren.api;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The API's Prometheus metrics: requests by route and status (a latency histogram, so rates, error rates
 * and percentiles come from one meter), the model each loop serves and its age, and how much of the spool
 * is not yet in Kafka.
 */
public final class ApiMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** @param spool the spool directory (its unsent bytes are reported) */
    ApiMetrics(Path spool) {
        Gauge.builder("warren_spool_unsent_bytes", spool, ApiMetrics::unsentBytes)
                .description("bytes of the spool not yet acknowledged by Kafka (all of it without --kafka)")
                .register(registry);
    }

    /** Reports a loop's served model (as it changes) and baseline agreement. */
    void addLoop(String loop, RankService ranks) {
        Gauge.builder("warren_baseline_agreement_ratio", ranks, RankService::baselineAgreement)
                .description("in Apprentice/LoggingOnly mode, how often the model favours the baseline action")
                .tag("loop", loop)
                .register(registry);
        Gauge.builder("warren_model_version", ranks, r -> versionNumber(r.served().version()))
                .description("version served (the trainer's numbers); NaN without a model or for a model file given at start")
                .tag("loop", loop)
                .register(registry);
        Gauge.builder("warren_model_age_seconds", ranks, r -> ageSeconds(r.served().file()))
                .description("age of the served model file; NaN while the loop has no model")
                .tag("loop", loop)
                .register(registry);
    }

    /** Drops the loop's gauges (the loop is no longer served). */
    void removeLoop(String loop) {
        for (Meter meter : List.copyOf(registry.getMeters())) {
            if (loop.equals(meter.getId().getTag("loop"))) {
                registry.remove(meter);
            }
        }
    }

    void recordRequest(String route, int status, long nanos) {
        Timer.builder("warren_http_requests")
                .description("HTTP requests by route and status")
                .tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }

    private static double versionNumber(String version) {
        try {
            return Long.parseLong(version);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static double ageSeconds(Path model) {
        if (model == null) {
            return Double.NaN;
        }
        try {
            return (System.currentTimeMillis() - Files.getLastModifiedTime(model).toMillis()) / 1000.0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static double unsentBytes(Path spool) {
        try {
            return SpoolFiles.unsentBytes(spool);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
