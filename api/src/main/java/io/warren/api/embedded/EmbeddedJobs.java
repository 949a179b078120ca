package io.warren.api.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Flink jobs of the embedded stack (JoinJob and TrainJob on a local cluster, {@code io.warren.jobs.LocalJobs})
 * in a child JVM: RocksDB state, checkpoints and the model store under one directory; each start resumes
 * from the last checkpoint. Its output goes to {@code jobs.log} there.
 */
public final class EmbeddedJobs implements AutoCloseable {
    private static final String MAIN = "io.warren.jobs.LocalJobs";

    private final Process process;

    private EmbeddedJobs(Process process) {
        this.process = process;
    }

    /**
     * @param dir        the jobs' directory (checkpoints, temporary files)
     * @param classpath  flink-jobs' jar and its libraries
     * @param modelStore where TrainJob writes model versions (the API serves them from there)
     */
    public static EmbeddedJobs start(Path dir, String classpath, String bootstrap, Path modelStore) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve("jobs.log");
        Process process = ChildJvm.command(dir, classpath, "1g", List.of(
                // Flink and Kafka log at info through slf4j-simple; warnings and errors are enough here.
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.org.apache.flink.metrics=error",
                MAIN, "--kafka", bootstrap, "--data",
                dir.toString(), "--model-store", modelStore.toString())).redirectOutput(log.toFile()).start();
        try {
            Thread.sleep(500);
            ChildJvm.checkAlive(process, "the Flink jobs", log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new EmbeddedJobs(process);
    }

    @Override
    public void close() {
        ChildJvm.stop(process);
    }
}
