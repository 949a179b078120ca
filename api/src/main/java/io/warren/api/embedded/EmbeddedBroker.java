package io.warren.api.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka broker (broker and controller in one process) run as a child process from
 * Maven-resolved Kafka 4.2.2 jars, its data under one directory: formatted on first start, reused after,
 * so a restart keeps every topic. Stopped with SIGTERM, Kafka's clean shutdown.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final String bootstrap;

    private EmbeddedBroker(Process process, String bootstrap) {
        this.process = process;
        this.bootstrap = bootstrap;
    }

    /**
     * @param dir       where the broker keeps its configuration, logs and data
     * @param classpath the broker's classpath (Kafka's server jars)
     */
    public static EmbeddedBroker start(Path dir, String classpath, int port, int controllerPort)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = dir.resolve("server.properties");
        Path logs = dir.resolve("data");
        Files.writeString(config, serverProperties(logs, port, controllerPort));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            run(dir, classpath, List.of("kafka.tools.StorageTool", "format", "--standalone", "-t",
                    Uuid.randomUuid().toString(), "-c", config.toString()));
        }
        Process process = java(dir, classpath, List.of("kafka.Kafka", config.toString()))
                .redirectOutput(dir.resolve("broker.log").toFile()).start();
        EmbeddedBroker broker = new EmbeddedBroker(process, "127.0.0.1:" + port);
        try {
            broker.awaitReady();
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static String serverProperties(Path logs, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static ProcessBuilder java(Path dir, String classpath, List<String> mainAndArgs) {
        return ChildJvm.command(dir, classpath, "512m", mainAndArgs);
    }

    private static void run(Path dir, String classpath, List<String> mainAndArgs) throws IOException, InterruptedException {
        Path log = dir.resolve("format.log");
        Process p = java(dir, classpath, mainAndArgs).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("formatting Kafka's storage failed; see " + log + ":\n" + Files.readString(log));
        }
    }

    /** Waits until the broker listens (so the admin client has nothing to warn about), then until it has a controller. */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String[] hostPort = bootstrap.split(":");
        while (!listening(hostPort[0], Integer.parseInt(hostPort[1]))) {
            if (!process.isAlive()) {
                throw new IOException("the Kafka broker exited with " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the Kafka broker did not listen within " + READY_TIMEOUT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        try (Admin admin = admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("the Kafka broker exited with " + process.exitValue());
                }
                try {
                    if (admin.describeCluster().controller().get(2, TimeUnit.SECONDS) != null) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the Kafka broker was not ready within " + READY_TIMEOUT.toSeconds() + " s");
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    private static boolean listening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        ChildJvm.stop(process);
    }
}
