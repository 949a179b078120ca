package io.warren.api;

import java.nio.charset.StandardCharsets;

/** What an endpoint answers, whatever the HTTP server: a status, a content type and a body (empty for 204). */
public record ApiResponse(int status, String contentType, byte[] body) {
    private static final String JSON = "application/json; charset=utf-8";
    private static final byte[] EMPTY = new byte[0];

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body);
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, JSON, EMPTY);
    }

    /** Personalizer's error body, which its SDKs turn into their typed errors: {"error": {"code", "message"}}. */
    public static ApiResponse error(int status, String code, String message) {
        return json(status, ErrorJson.body(code, message).getBytes(StandardCharsets.UTF_8));
    }
}
