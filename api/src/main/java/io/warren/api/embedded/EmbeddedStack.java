package io.warren.api.embedded;

import io.warren.api.ApiServer;
import io.warren.api.Keys;
import io.warren.api.LoopTopics;
import io.warren.api.ModelWatcher;
import io.warren.api.PersonalizerRoutes;
import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Warren on one machine ({@code warren up}): a KRaft broker and the Flink jobs (join and training) as child
 * processes and the API for one loop, everything under one data directory ({@code kafka/}, {@code flink/},
 * {@code models/}, {@code api/}). The loop's topics are created
 * before the API takes requests; the demo key is made once and kept, so a restart keeps data and key.
 */
public final class EmbeddedStack implements AutoCloseable {
    /**
     * Where things listen and live; the broker runs from {@code brokerClasspath}, the Flink jobs from
     * {@code jobsClasspath} (null: no jobs, the API and broker only).
     */
    public record Settings(Path dataDir, String brokerClasspath, String jobsClasspath, String host, int apiPort,
                           int kafkaPort, int controllerPort, String loop) {}

    /**
     * Personalizer's defaults but a 5 s reward wait: with Personalizer's 10 minutes a loop started on one
     * machine to try Warren would learn nothing for its first ten minutes.
     */
    public static final ServiceConfiguration EMBEDDED_SERVICE = ServiceConfiguration.defaults()
            .withRewardWaitTime(java.time.Duration.ofSeconds(5));

    private final EmbeddedBroker broker;
    private final ApiServer api;
    private final EmbeddedJobs jobs;
    private final String key;
    private final String adminKey;

    private EmbeddedStack(EmbeddedBroker broker, ApiServer api, EmbeddedJobs jobs, String key, String adminKey) {
        this.broker = broker;
        this.api = api;
        this.jobs = jobs;
        this.key = key;
        this.adminKey = adminKey;
    }

    public static EmbeddedStack start(Settings s) throws IOException, InterruptedException {
        EmbeddedBroker broker = EmbeddedBroker.start(s.dataDir().resolve("kafka"), s.brokerClasspath(), s.kafkaPort(),
                s.controllerPort());
        try {
            LoopTopics.create(broker.bootstrapServers(), s.loop(), Optional.of(1));
            Path apiDir = s.dataDir().resolve("api");
            String key = Keys.kept(apiDir.resolve("key"));
            String adminKey = Keys.kept(apiDir.resolve("admin-key"));
            ApiServer api = ApiServer.start(new ApiServer.Settings(s.host(), s.apiPort(), apiDir, s.loop(),
                    List.of(), Policy.DEFAULT, EMBEDDED_SERVICE, null, key, adminKey, broker.bootstrapServers(), s.dataDir().resolve("models"),
                    ApiServer.Settings.DEFAULT_RATE_LIMIT));
            EmbeddedJobs jobs = null;
            if (s.jobsClasspath() != null) {
                try {
                    jobs = EmbeddedJobs.start(s.dataDir().resolve("flink"), s.jobsClasspath(), broker.bootstrapServers(),
                            s.dataDir().resolve("models"));
                } catch (IOException | RuntimeException e) {
                    api.close();
                    throw e;
                }
            }
            return new EmbeddedStack(broker, api, jobs, key, adminKey);
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public String url() {
        return api.url();
    }

    public String key() {
        return key;
    }

    public String adminKey() {
        return adminKey;
    }

    public String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    /** The API first (its spool drained to Kafka), then the jobs, then the broker. */
    @Override
    public void close() {
        try {
            api.close();
            if (jobs != null) {
                jobs.close();
            }
        } finally {
            broker.close();
        }
    }
}
