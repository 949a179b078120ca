package io.warren.api;

import java.nio.charset.StandardCharsets;

/** What an endpoint answers, whatever the HTTP server: a status and a JSON body (empty for 204). */
public record ApiResponse(int status, byte[] body) {
    private static final byte[] EMPTY = new byte[0];

    public static ApiResponse noContent() {
        return new ApiResponse(204, EMPTY);
    }

    /** Personalizer's error body, which its SDKs turn into their typed errors: {"error": {"code", "message"}}. */
    public static ApiResponse error(int status, String code, String message) {
        return new ApiResponse(status, ErrorJson.body(code, message).getBytes(StandardCharsets.UTF_8));
    }
}
