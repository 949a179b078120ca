package io.warren.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.format.DateTimeFormatter;

/**
 * Personalizer's model paths for a loop (admin key): {@code GET /model} is the served model file
 * (Warren's format), {@code GET /model/properties} its creation and modification times, and
 * {@code DELETE /model} resets the loop to no model (actions drawn uniformly until the next one is served).
 */
final class ModelRoutes {
    private ModelRoutes() {}

    static ApiResponse handle(String method, boolean properties, RankService ranks) {
        RankService.ServedModel served = ranks.served();
        if (properties) {
            if (!method.equals("GET")) {
                return ApiResponse.error(405, "BadRequest", method + " is not allowed on /model/properties");
            }
            if (served.file() == null) {
                return ApiResponse.json(200, "{}".getBytes(StandardCharsets.UTF_8));
            }
            try {
                BasicFileAttributes attributes = Files.readAttributes(served.file(), BasicFileAttributes.class);
                String json = "{\"creationTime\":\"" + DateTimeFormatter.ISO_INSTANT.format(attributes.creationTime()
                        .toInstant()) + "\",\"lastModifiedTime\":\"" + DateTimeFormatter.ISO_INSTANT.format(
                        attributes.lastModifiedTime().toInstant()) + "\"}";
                return ApiResponse.json(200, json.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return ApiResponse.error(404, "ResourceNotFound", "the served model's file is gone: " + e.getMessage());
            }
        }
        return switch (method) {
            case "GET" -> {
                if (served.file() == null) {
                    yield ApiResponse.error(404, "ResourceNotFound", "this loop has no model yet");
                }
                try {
                    yield new ApiResponse(200, "application/octet-stream", Files.readAllBytes(served.file()), 0);
                } catch (IOException e) {
                    yield ApiResponse.error(404, "ResourceNotFound", "the served model's file is gone: " + e.getMessage());
                }
            }
            case "DELETE" -> {
                ranks.reset();
                yield ApiResponse.noContent();
            }
            default -> ApiResponse.error(405, "BadRequest", method + " is not allowed on /model");
        };
    }
}
