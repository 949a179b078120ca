package io.warren.core.model;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model store as a directory: one folder per loop and one immutable file per version,
 * {@code <loop>/<version>.wrn} (Warren's model format). The TrainJob writes the versions it trains and the
 * API the models an admin imports; both take numbers with {@link #write}, which never overwrites a version,
 * so the two cannot give one number to two models. A file is written under a hidden temporary name and
 * linked into place, so a reader (which checks the announced SHA-256) never sees half a file.
 */
public final class ModelStore {
    public static final String SUFFIX = ".wrn";
    private final Path root;

    /** Writes a model to a file. */
    @FunctionalInterface
    public interface ModelWriter {
        void writeTo(Path file) throws IOException;
    }

    public ModelStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Where version {@code version} of {@code loop} lives, relative to the store (what announcements carry). */
    public static String relativePath(String loop, long version) {
        return loop + "/" + version + SUFFIX;
    }

    public Path file(String loop, long version) {
        return root.resolve(relativePath(loop, version));
    }

    public boolean exists(String loop, long version) {
        return Files.exists(file(loop, version));
    }

    /**
     * The file an announcement's relative {@code path} names.
     *
     * @throws IOException when the path leads out of the store
     */
    public Path resolve(String path) throws IOException {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("the model path " + path + " leaves the model store");
        }
        return file;
    }

    /**
     * The file an announcement names, once its SHA-256 matched the announced one.
     *
     * @throws IOException when the path leads out of the store, or the file is not the one announced
     */
    public Path verified(Announcement a) throws IOException {
        Path file = resolve(a.path());
        String actual = ModelDigest.sha256(file);
        if (!actual.equalsIgnoreCase(a.sha256())) {
            throw new IOException("model " + a.version() + " has SHA-256 " + actual + ", announced " + a.sha256());
        }
        return file;
    }

    /** The highest version with a file for {@code loop} in the store, 0 when there is none. */
    public long highestVersion(String loop) throws IOException {
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
     * Writes a model as {@code version} of {@code loop} and returns its SHA-256 (hex).
     *
     * @throws FileAlreadyExistsException when that version already has a file (also when another writer
     *                                    took the number while this one wrote)
     */
    public String write(String loop, long version, ModelWriter writer) throws IOException {
        Path target = file(loop, version);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Files.createDirectories(target.getParent());
        Path part = Files.createTempFile(target.getParent(), "." + version + SUFFIX, ".part");
        try {
            writer.writeTo(part);
            String sha256 = ModelDigest.sha256(part);
            // A hard link fails when the name exists, where a rename would silently replace it.
            Files.createLink(target, part);
            return sha256;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** A version written to the store. */
    public record Stored(long version, String sha256) {}

    /** Writes a model as the first version above {@code above} that has no file yet. */
    public Stored writeNext(String loop, long above, ModelWriter writer) throws IOException {
        long version = above + 1;
        while (true) {
            try {
                return new Stored(version, write(loop, version, writer));
            } catch (FileAlreadyExistsException e) {
                version++;
            }
        }
    }
}
