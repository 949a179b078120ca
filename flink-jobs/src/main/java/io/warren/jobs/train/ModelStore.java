package io.warren.jobs.train;

import io.warren.core.driver.DsJsonLearner;
import io.warren.core.model.ModelDigest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The model store as the TrainJob writes it: a directory with one folder per loop and one immutable file
 * per version, {@code <loop>/<version>.wrn} (Warren's model format). A version's file is written under a
 * hidden temporary name and moved into place atomically, so a reader (the API, which checks the announced
 * SHA-256) never sees half a file; an existing version is never overwritten.
 */
final class ModelStore {
    static final String SUFFIX = ".wrn";
    private final Path root;

    ModelStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** Where version {@code version} of {@code loop} lives, relative to the store (what announcements carry). */
    static String relativePath(String loop, long version) {
        return loop + "/" + version + SUFFIX;
    }

    Path file(String loop, long version) {
        return root.resolve(relativePath(loop, version));
    }

    boolean exists(String loop, long version) {
        return Files.exists(file(loop, version));
    }

    /** The highest version with a file for {@code loop} in the store, 0 when there is none. */
    long highestVersion(String loop) throws IOException {
        Path dir = root.resolve(loop);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long highest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                try {
                    highest = Math.max(highest, Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
                } catch (NumberFormatException e) {
                    // not a version file
                }
            }
        }
        return highest;
    }

    /**
     * Writes {@code learner}'s model as {@code version} of {@code loop} and returns its SHA-256 (hex).
     *
     * @throws FileAlreadyExistsException when that version already has a file
     */
    String write(String loop, long version, DsJsonLearner learner) throws IOException {
        Path target = file(loop, version);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling("." + version + SUFFIX + ".part");
        try {
            learner.writeModel(part);
            String sha256 = ModelDigest.sha256(part);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            return sha256;
        } finally {
            Files.deleteIfExists(part);
        }
    }

}
