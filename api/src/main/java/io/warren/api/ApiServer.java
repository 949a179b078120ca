package io.warren.api;

import io.warren.core.driver.LearnerStack;
import io.warren.core.driver.VwOptions;
import io.warren.core.rank.Ranker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/**
 * One API process serving one loop on Personalizer's paths: its rankers (the loop's policy, and its model
 * file when there is one; uniform draws before that), the local spool its decisions and rewards go to, and
 * the HTTP server.
 */
public final class ApiServer implements AutoCloseable {
    /** Personalizer's default learning policy (DESIGN.md). */
    public static final String DEFAULT_POLICY = "--cb_explore_adf --epsilon 0.2 --power_t 0 -l 0.001 --cb_type mtr -q ::";

    /**
     * @param model        a Warren model file to serve, or null before the loop's first model
     * @param learningMode Personalizer's learning mode, recorded with each decision
     * @param clientKey    the key callers must send, as Personalizer's resource key
     * @param kafkaBootstrap Kafka's bootstrap servers to drain the spool to, or null to keep it local
     */
    public record Settings(String host, int port, Path dataDir, String loop, String policy, Path model,
                           String learningMode, String clientKey, String kafkaBootstrap) {}

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
        RankService ranks = new RankService(settings.loop(), rankers(settings), rankers, Clock.systemUTC());
        PersonalizerRoutes routes = new PersonalizerRoutes(settings.loop(), ranks, Clock.systemUTC(),
                settings.learningMode(), settings.clientKey());
        Path spool = settings.dataDir().resolve("spool");
        SpoolLog log = new SpoolLog(spool);
        SpoolDrainer drainer = settings.kafkaBootstrap() == null ? null
                : new SpoolDrainer(spool, settings.kafkaBootstrap());
        ApiMetrics metrics = new ApiMetrics(settings.loop(), spool, settings.model(),
                settings.model() == null ? "" : settings.model().getFileName().toString());
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

    private static Supplier<Ranker> rankers(Settings settings) {
        if (settings.model() == null) {
            List<String> policy = List.of(settings.policy().trim().split("\\s+"));
            return () -> new Ranker(LearnerStack.build(VwOptions.parse(policy)), false, "");
        }
        String version = settings.model().getFileName().toString();
        return () -> {
            try {
                return new Ranker(LearnerStack.load(settings.model()), true, version);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the model " + settings.model(), e);
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
