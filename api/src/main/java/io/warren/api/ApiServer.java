package io.warren.api;

import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import io.warren.core.driver.LearnerStack;
import io.warren.core.model.ModelStore;
import io.warren.core.rank.Ranker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * One API process serving loops on Personalizer's paths: per loop its rankers (the loop's policy, and a
 * model file when there is one; uniform draws before that), configuration and keys under
 * {@code <data>/loops/<loop>}; the local spool all decisions and rewards go to; and the HTTP server. The
 * default loop answers the bare Personalizer paths, every loop {@code /loops/<loop>/personalizer/...}.
 */
public final class ApiServer implements AutoCloseable {
    /**
     * @param loop         the default loop
     * @param moreLoops    further loops, with keys made once under {@code <data>/loops/<loop>/}
     * @param policy       each loop's policy until one is set through the configuration API (which is kept)
     * @param service      each loop's service configuration until one is set through the configuration API
     * @param model        a Warren model file the default loop serves, or null before its first model
     * @param clientKey    the key products send to rank and reward in the default loop
     * @param adminKey     the key that may also read and change the default loop's configuration
     * @param kafkaBootstrap Kafka's bootstrap servers to drain the spool to, or null to keep it local
     * @param modelStore   where announced models live: with Kafka, every loop serves what its
     *                     {@code warren.<loop>.models} topic announces; null for none
     * @param requestsPerSecondPerKey each key's rate limit, 0 for none
     */
    public record Settings(String host, int port, Path dataDir, String loop, List<String> moreLoops, Policy policy,
                           ServiceConfiguration service,
                           Path model, String clientKey, String adminKey, String kafkaBootstrap, Path modelStore,
                           double requestsPerSecondPerKey) {
        /** Each key may send this many requests a second unless told otherwise: above what 2 cores serve. */
        public static final double DEFAULT_RATE_LIMIT = 50_000;
    }

    private final SpoolLog log;
    private final SpoolDrainer drainer;
    private final Models models;
    private final Loops loops;
    private final VertxFront front;
    private final String host;

    /** With Kafka and a model store: where models are, and the publisher of admins' model changes. */
    record Models(ModelStore store, ModelPublisher publisher) {}

    private ApiServer(SpoolLog log, SpoolDrainer drainer, Models models, Loops loops, VertxFront front, String host) {
        this.log = log;
        this.drainer = drainer;
        this.models = models;
        this.loops = loops;
        this.front = front;
        this.host = host;
    }

    public static ApiServer start(Settings settings) throws IOException {
        Models models = settings.kafkaBootstrap() == null || settings.modelStore() == null ? null
                : new Models(new ModelStore(settings.modelStore()), new ModelPublisher(settings.kafkaBootstrap()));
        Path spool = spoolDir(settings);
        SpoolLog log = new SpoolLog(spool);
        ApiMetrics metrics = new ApiMetrics(spool);
        Loops loops = new Loops(settings, models, metrics, log);
        SpoolDrainer drainer = null;
        try {
            loops.add(settings.loop(), settings.model(), settings.clientKey(), settings.adminKey());
            for (String loop : settings.moreLoops()) {
                loops.addKept(loop);
            }
            for (String loop : loops.keptLoops()) {
                loops.addKept(loop);
            }
            drainer = settings.kafkaBootstrap() == null ? null : new SpoolDrainer(spool, settings.kafkaBootstrap());
            SpoolDrainer drains = drainer;
            OpsRoutes ops = new OpsRoutes(metrics, () -> notReady(drains));
            return new ApiServer(log, drainer, models, loops, VertxFront.start(settings.host(), settings.port(),
                    new LoopRouter(loops, settings.loop()), ops, metrics, log), settings.host());
        } catch (IOException | RuntimeException e) {
            loops.close();
            if (models != null) {
                models.publisher().close();
            }
            log.close();
            if (drainer != null) {
                drainer.close();
            }
            throw e;
        }
    }

    static Path spoolDir(Settings settings) {
        return settings.dataDir().resolve("spool");
    }

    /** Where a loop keeps its configuration and keys. */
    public static Path loopDir(Settings settings, String loop) {
        return settings.dataDir().resolve("loops").resolve(loop);
    }

    /** Why the API should not get traffic now, or null: Kafka unreachable while the spool drains to it. */
    private static String notReady(SpoolDrainer drainer) {
        Throwable failure = drainer == null ? null : drainer.lastFailure();
        return failure == null ? null : "the spool cannot reach Kafka: " + failure.getMessage();
    }

    /**
     * Reads a model file a loop can serve, once: checked before it replaces the served one, then shared by
     * all its rankers. It must explore ({@code --cb_explore_adf}) or fill slots ({@code --ccb_explore_adf})
     * as the loop's policy does, so a loop never answers only the other kind of rank.
     */
    static LearnerStack.Serving servable(Path model, Policy policy) throws IOException {
        LearnerStack.Serving serving = LearnerStack.serving(model);
        LearnerStack stack = serving.peek();
        if (!stack.servesRanks()) {
            throw new IOException("the model is not an exploring --cb_explore_adf or --ccb_explore_adf policy");
        }
        if (stack.decidesSlots() != policy.fillsSlots()) {
            throw new IOException(stack.decidesSlots()
                    ? "the model fills slots (--ccb_explore_adf), the loop's policy ranks single slots"
                    : "the model ranks single slots, the loop's policy fills slots (--ccb_explore_adf)");
        }
        return serving;
    }

    /** Rankers for a model, all reading its one weight table, recording {@code version} with their decisions. */
    static Supplier<Ranker> modelRankers(LearnerStack.Serving model, String version) {
        return () -> new Ranker(model.newStack(), true, version);
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
        loops.close();
        if (models != null) {
            models.publisher().close();
        }
        front.close();
        log.close();
        if (drainer != null) {
            drainer.close();
        }
    }
}
