package io.warren.api;

import io.warren.api.config.LoopConfigStore;
import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.Ranker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * One API process serving one loop on Personalizer's paths: its rankers (the loop's policy, and its model
 * file when there is one; uniform draws before that), the local spool its decisions and rewards go to, and
 * the HTTP server.
 */
public final class ApiServer implements AutoCloseable {
    /**
     * @param policy       the loop's policy until one is set through the configuration API (which is kept)
     * @param model        a Warren model file to serve, or null before the loop's first model
     * @param clientKey    the key products send to rank and reward, as Personalizer's resource key
     * @param adminKey     the key that may also read and change the loop's configuration
     * @param kafkaBootstrap Kafka's bootstrap servers to drain the spool to, or null to keep it local
     * @param requestsPerSecondPerKey each key's rate limit, 0 for none
     */
    public record Settings(String host, int port, Path dataDir, String loop, Policy policy, Path model,
                           String clientKey, String adminKey, String kafkaBootstrap, double requestsPerSecondPerKey) {
        /** Each key may send this many requests a second unless told otherwise: above what 2 cores serve. */
        public static final double DEFAULT_RATE_LIMIT = 50_000;
    }

    private final SpoolLog log;
    private final SpoolDrainer drainer;
    private final VertxFront front;
    private final String host;

    private ApiServer(SpoolLog log, SpoolDrainer drainer, VertxFront front, String host) {
        this.log = log;
        this.drainer = drainer;
        this.front = front;
        this.host = host;
    }

    public static ApiServer start(Settings settings) throws IOException {
        int rankers = 2 * Runtime.getRuntime().availableProcessors();
        LoopConfigStore config = new LoopConfigStore(settings.dataDir(), settings.policy());
        RankService ranks = new RankService(settings.loop(), rankers(settings.model(), config), rankers,
                Clock.systemUTC());
        PersonalizerRoutes routes = new PersonalizerRoutes(settings.loop(), ranks, Clock.systemUTC(), config,
                settings.clientKey(), settings.adminKey(), settings.requestsPerSecondPerKey());
        Path spool = settings.dataDir().resolve("spool");
        SpoolLog log = new SpoolLog(spool);
        SpoolDrainer drainer = settings.kafkaBootstrap() == null ? null
                : new SpoolDrainer(spool, settings.kafkaBootstrap());
        ApiMetrics metrics = new ApiMetrics(settings.loop(), spool, settings.model(),
                settings.model() == null ? "" : settings.model().getFileName().toString(), ranks);
        OpsRoutes ops = new OpsRoutes(metrics, () -> notReady(drainer));
        try {
            return new ApiServer(log, drainer, VertxFront.start(settings.host(), settings.port(), routes, ops, metrics,
                    log), settings.host());
        } catch (RuntimeException e) {
            log.close();
            if (drainer != null) {
                drainer.close();
            }
            throw e;
        }
    }

    /** Why the API should not get traffic now, or null: Kafka unreachable while the spool drains to it. */
    private static String notReady(SpoolDrainer drainer) {
        Throwable failure = drainer == null ? null : drainer.lastFailure();
        return failure == null ? null : "the spool cannot reach Kafka: " + failure.getMessage();
    }

    /** Rankers for the served model, or (before any) for the loop's current policy, drawing uniformly. */
    private static Supplier<Ranker> rankers(Path model, LoopConfigStore config) {
        if (model == null) {
            return () -> new Ranker(LearnerStack.build(config.policy().options()), false, "");
        }
        String version = model.getFileName().toString();
        return () -> {
            try {
                return new Ranker(LearnerStack.load(model), true, version);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the model " + model, e);
            }
        };
    }

    public int port() {
        return front.port();
    }

    /** The endpoint to give Personalizer's SDKs. */
    public String url() {
        return "http://" + host + ":" + port();
    }

    /** Stops taking requests, makes the spool durable, then sends what is left of it to Kafka. */
    @Override
    public void close() {
        front.close();
        log.close();
        if (drainer != null) {
            drainer.close();
        }
    }
}
