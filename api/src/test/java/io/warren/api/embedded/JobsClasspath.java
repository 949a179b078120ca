package io.warren.api.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/** flink-jobs' jar and libraries, which the reactor builds before api, for the embedded stack's jobs JVM. */
final class JobsClasspath {
    private JobsClasspath() {}

    static String built() {
        Path target = Path.of("../flink-jobs/target").toAbsolutePath().normalize();
        if (!Files.exists(target.resolve("warren-flink-jobs.jar"))) {
            throw new IllegalStateException("build flink-jobs first (./mvnw install runs it before api): no "
                    + target.resolve("warren-flink-jobs.jar"));
        }
        return target.resolve("warren-flink-jobs.jar") + ":" + target.resolve("lib") + "/*";
    }
}
