package io.warren.cli;

import io.warren.api.ApiServer;
import io.warren.api.embedded.EmbeddedStack;
import io.warren.core.loop.Topics;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code warren up}: the embedded single-machine stack (a Kafka broker and the API) until Ctrl-C. */
@Command(name = "up", description = "Start Warren on this machine: a single-node Kafka broker and the API, "
        + "data under one directory; Ctrl-C stops both, starting again keeps all data.")
public final class UpCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = "data", description = "data directory (default ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--port", defaultValue = "8080", description = "API port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka port (default ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093",
            description = "Kafka controller port (default ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(names = "--loop", defaultValue = "default", description = "loop id (default ${DEFAULT-VALUE})")
    String loop;

    @Override
    public Integer call() throws Exception {
        if (!loop.matches(Topics.LOOP_ID)) {
            System.err.println("warren up: --loop must match " + Topics.LOOP_ID + ", not '" + loop + "'");
            return 2;
        }
        String brokerClasspath = System.getProperty("warren.broker.classpath");
        if (brokerClasspath == null) {
            System.err.println("warren up: the broker's jars are unknown; run it through ./warren, which resolves them");
            return 2;
        }
        String jobsClasspath = System.getProperty("warren.jobs.classpath");
        if (jobsClasspath == null) {
            System.err.println("warren up: the Flink jobs' jars are unknown; run it through ./warren, which builds them");
            return 2;
        }
        System.out.println("warren: starting Kafka, the Flink jobs and the API under " + data.toAbsolutePath() + " ...");
        EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Settings(data.toAbsolutePath(), brokerClasspath,
                jobsClasspath, "127.0.0.1", port, kafkaPort, controllerPort, loop));
        System.out.println("warren: loop '" + loop + "' at " + stack.url() + " (Personalizer endpoint)");
        System.out.println("warren: key " + stack.key() + " (admin key " + stack.adminKey() + ")");
        System.out.println("warren: Kafka at " + stack.kafkaBootstrap() + "; Ctrl-C stops everything");
        UntilStopped.await(stack);
        return 0;
    }
}
