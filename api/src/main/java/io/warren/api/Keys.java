package io.warren.api;

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
}
