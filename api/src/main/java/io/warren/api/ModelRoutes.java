package io.warren.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.format.DateTimeFormatter;

/**
 * Personalizer's model paths for a loop (admin key): {@code GET /model} is the served model file
 * (Warren's format), {@code PUT /model} imports one (checked and loaded before it is served; kept under
 * {@code imports}), {@code GET /model/properties} gives its creation and modification times, and
 * {@code DELETE /model} resets the loop to no model (actions drawn uniformly until the next one is served).
 */
final class ModelRoutes {
    private final RankService ranks;
    private final Path imports;

    ModelRoutes(RankService ranks, Path imports) {
        this.ranks = ranks;
        this.imports = imports;
    }

    ApiResponse handle(String method, boolean properties, byte[] body) {
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
            case "PUT" -> importModel(body);
            case "DELETE" -> {
                ranks.reset();
                yield ApiResponse.noContent();
            }
            default -> ApiResponse.error(405, "BadRequest", method + " is not allowed on /model");
        };
    }

    private ApiResponse importModel(byte[] body) {
        String version = "imported-" + System.currentTimeMillis();
        try {
            Files.createDirectories(imports);
            Path file = imports.resolve(version + ".wrn");
            Files.write(file, body);
            try {
                ApiServer.checkServable(file);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                return ApiResponse.error(400, "BadRequest", "not a model this loop can serve: " + e.getMessage());
            }
            ranks.serve(new RankService.ServedModel(file, version, Instant.now()), ApiServer.modelRankers(file, version));
            return ApiResponse.noContent();
        } catch (IOException e) {
            return ApiResponse.error(503, "InternalServerError", "the model could not be stored; retry");
        }
    }
}
