package io.warren.api.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM of the embedded stack: this JVM's own java, the flags every Warren JVM gets, a classpath and
 * a main class; stopped with SIGTERM (the child's clean shutdown), forcibly only when it does not stop.
 */
final class ChildJvm {
    private ChildJvm() {}

    static ProcessBuilder command(Path dir, String classpath, String maxHeap, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--add-modules", "jdk.incubator.vector", "-cp", classpath));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    }

    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Throws when the child has exited, naming its log. */
    static void checkAlive(Process process, String what, Path log) throws IOException {
        if (!process.isAlive()) {
            throw new IOException(what + " exited with " + process.exitValue() + "; see " + log);
        }
    }
}
