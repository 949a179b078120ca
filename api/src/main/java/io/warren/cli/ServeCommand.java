package io.warren.cli;

import io.warren.api.ApiServer;
import io.warren.api.Keys;
import io.warren.api.config.Policy;
import io.warren.api.config.ServiceConfiguration;
import io.warren.core.loop.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warren serve}: the Personalizer-compatible API for one loop, until Ctrl-C. */
@Command(name = "serve", description = "Serve Personalizer's REST API (v1.0 and v1.1-preview.3 paths) for one loop.")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "port (default ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--data", defaultValue = "data", description = "data directory (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--loop", description = "a loop to serve, repeatable; the first answers the bare "
            + "Personalizer paths, every one /loops/<loop>/personalizer/... (default: one loop, 'default')")
    List<String> loops = new ArrayList<>();

    @Option(names = "--policy", description = "VW arguments of the loop's first learning policy "
            + "(default: Personalizer's; later changes go through PUT /configurations/policy and are kept)")
    String policy;

    @Option(names = "--model", description = "Warren model file to serve (default: none yet, actions drawn uniformly)")
    Path model;

    @Option(names = "--rate-limit", description = "requests per second each key may send (default 50000; 0: none)")
    double rateLimit = ApiServer.Settings.DEFAULT_RATE_LIMIT;

    @Option(names = "--model-store", description = "directory of the models announced on warren.<loop>.models "
            + "(with --kafka: each loop serves what is announced)")
    Path modelStore;

    @Option(names = "--kafka", description = "Kafka bootstrap servers the spool drains to (default: keep it local)")
    String kafka;

    @Option(names = "--key", description = "the key products send as Ocp-Apim-Subscription-Key "
            + "(default: a new random one, printed at start)")
    String key;

    @Option(names = "--admin-key", description = "the key that may also change the loop's configuration "
            + "(default: a new random one, printed at start)")
    String adminKey;

    @Override
    public Integer call() throws Exception {
        if (loops.isEmpty()) {
            loops.add("default");
        }
        for (String loop : loops) {
            if (!loop.matches(Topics.LOOP_ID)) {
                System.err.println("warren serve: --loop must match " + Topics.LOOP_ID + ", not '" + loop + "'");
                return 2;
            }
        }
        String loop = loops.get(0);
        List<String> moreLoops = loops.subList(1, loops.size());
        String clientKey = key != null ? key : Keys.random();
        String admin = adminKey != null ? adminKey : Keys.random();
        Policy firstPolicy = policy == null ? Policy.DEFAULT : new Policy("custom", policy);
        ApiServer.Settings settings = new ApiServer.Settings(host, port, data, loop, moreLoops, firstPolicy,
                ServiceConfiguration.defaults(), model,
                clientKey, admin, kafka, modelStore, rateLimit);
        ApiServer server = ApiServer.start(settings);
        System.out.println("warren: serving loop '" + loop + "' at " + server.url() + " (Ctrl-C stops)");
        if (key == null) {
            System.out.println("warren: key " + clientKey);
        }
        if (adminKey == null) {
            System.out.println("warren: admin key " + admin);
        }
        for (String other : moreLoops) {
            System.out.println("warren: loop '" + other + "' at " + server.url() + "/loops/" + other + " (keys in "
                    + ApiServer.loopDir(settings, other) + ")");
        }
        UntilStopped.await(server);
        return 0;
    }
}
