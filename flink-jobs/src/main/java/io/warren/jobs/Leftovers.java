package io.warren.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.flink.util.FileUtils;

/**
 * What earlier runs of the embedded jobs leave in their data directory and nothing reads again. Each run's
 * local cluster unpacks its RPC jar (24 MB) and keeps working files under the scratch directory and leaves
 * them there when it is stopped; each run also makes a checkpoint directory per job that stays behind, with
 * empty folders only, once a later run has claimed its checkpoint and let it go.
 */
final class Leftovers {
    private Leftovers() {}

    /** Empties {@code scratch}: only a running cluster uses it, and none runs yet. */
    static void clearScratch(Path scratch) throws IOException {
        if (Files.isDirectory(scratch)) {
            FileUtils.cleanDirectory(scratch.toFile());
        }
    }

    /**
     * Deletes the job directories under {@code checkpoints} ({@code <job id>/...}) that hold no file at all:
     * no checkpoint's metadata and no shared state a later checkpoint could still refer to.
     */
    static void pruneEmptyJobDirs(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return;
        }
        try (Stream<Path> jobs = Files.list(checkpoints)) {
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> inside = Files.walk(job)) {
                    if (inside.noneMatch(Files::isRegularFile)) {
                        FileUtils.deleteDirectory(job.toFile());
                    }
                }
            }
        }
    }
}
