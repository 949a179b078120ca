package io.warren.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** New loop keys: 128 random bits as 32 hex digits. */
public final class Keys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Keys() {}

    public static String random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The key kept in {@code file}, made on first use, so a restart keeps it. */
    public static String kept(Path file) throws IOException {
        if (!Files.exists(file)) {
            keep(file, random());
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /** Keeps {@code key} in {@code file}, where {@link #kept} reads it after a restart. */
    public static void keep(Path file, String key) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, key + "\n", StandardCharsets.US_ASCII);
    }
}
