package io.warren.api.config;

/** A configuration Personalizer's rules refuse, with Personalizer's error code for it. */
public final class ConfigException extends RuntimeException {
    private final String code;

    public ConfigException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
