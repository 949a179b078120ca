package io.warren.jobs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ops/flink-cluster/cluster.sh} for a test: a standalone cluster (a JobManager and two TaskManager
 * processes) with its data under a temporary folder, on free ports, that stops itself if the test JVM dies.
 */
final class FlinkClusterScript {
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    private final Path script;
    private final Path data;
    private final int restPort;
    private final int rpcPort;

    FlinkClusterScript(Path repositoryRoot, Path data) throws IOException {
        this.script = repositoryRoot.resolve("ops/flink-cluster/cluster.sh").toAbsolutePath().normalize();
        this.data = data;
        this.restPort = freePort();
        this.rpcPort = freePort();
    }

    /** The repository root: from the build ({@code warren.root}), else the module's parent folder. */
    static Path repositoryRoot() {
        return Path.of(System.getProperty("warren.root", "..")).toAbsolutePath().normalize();
    }

    int restPort() {
        return restPort;
    }

    /** {@code cluster.sh start}: returns once both TaskManagers are registered. */
    void start() throws Exception {
        run(Duration.ofMinutes(4), "start");
    }

    /** {@code cluster.sh submit jar args}: returns the job's id. */
    String submit(Path jar, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("submit", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        String out = run(Duration.ofMinutes(2), command.toArray(String[]::new));
        Matcher id = JOB_ID.matcher(out);
        if (!id.find()) {
            throw new AssertionError("no JobID in the output of cluster.sh submit:\n" + out);
        }
        return id.group(1);
    }

    void stop() throws Exception {
        run(Duration.ofMinutes(1), "stop");
    }

    /** GET on the cluster's REST endpoint. */
    String rest(String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + restPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        }
    }

    /** The last lines of every process's log, for a failure message. */
    String logTails(int lines) {
        StringBuilder out = new StringBuilder();
        Path logs = data.resolve("log");
        if (!Files.isDirectory(logs)) {
            return "(no logs)";
        }
        try (Stream<Path> files = Files.list(logs).sorted()) {
            for (Path log : files.toList()) {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("==> ").append(log.getFileName()).append(" <==\n");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> out.append(l).append('\n'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private String run(Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("WARREN_FLINK_DATA", data.toString());
        env.put("WARREN_FLINK_REST_PORT", Integer.toString(restPort));
        env.put("WARREN_FLINK_RPC_PORT", Integer.toString(rpcPort));
        env.put("WARREN_FLINK_WATCH_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("WARREN_JAVA_HOME", System.getProperty("java.home"));
        // Three JVMs and a client on a small machine: C1 only, the traffic is a few dozen records.
        env.put("WARREN_FLINK_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        long started = System.nanoTime();
        Process process = builder.start();
        // The cluster's JVMs write to their own logs, so the pipe ends when the script does.
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the process was destroyed
            }
        });
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("cluster.sh " + String.join(" ", args) + " did not finish in " + timeout
                    + ":\n" + output.toString(StandardCharsets.UTF_8));
        }
        reader.join(Duration.ofSeconds(10));
        String out = output.toString(StandardCharsets.UTF_8);
        System.out.printf("cluster.sh %s (%.1f s):%n%s%n", args[0], (System.nanoTime() - started) / 1e9, out);
        if (process.exitValue() != 0) {
            throw new AssertionError("cluster.sh " + String.join(" ", args) + " exited " + process.exitValue()
                    + ":\n" + out);
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
