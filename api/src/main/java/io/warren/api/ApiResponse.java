package io.warren.api;

import java.nio.charset.StandardCharsets;

/**
 * What an endpoint answers, whatever the HTTP server: a status, a content type, a body (empty for 204)
 * and, for 429, the seconds to wait before retrying (0 otherwise).
 */
public record ApiResponse(int status, String contentType, byte[] body, long retryAfterSeconds) {
    private static final String JSON = "application/json; charset=utf-8";
    private static final byte[] EMPTY = new byte[0];

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, JSON, body, 0);
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), 0);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, JSON, EMPTY, 0);
    }

    /** 429 with Personalizer's error body and how long to wait. */
    public static ApiResponse tooManyRequests(long retryAfterSeconds) {
        return new ApiResponse(429, JSON, ErrorJson.body("TooManyRequests", "this key sent more requests than its "
                + "rate limit allows; retry after " + retryAfterSeconds + " s").getBytes(StandardCharsets.UTF_8),
                retryAfterSeconds);
    }

    /** Personalizer's error body, which its SDKs turn into their typed errors: {"error": {"code", "message"}}. */
    public static ApiResponse error(int status, String code, String message) {
        return json(status, ErrorJson.body(code, message).getBytes(StandardCharsets.UTF_8));
    }
}
