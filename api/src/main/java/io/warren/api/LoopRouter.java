package io.warren.api;

import java.util.Map;

/**
 * Many loops behind one endpoint: {@code /loops/{loop}/personalizer/...} reaches that loop's Personalizer
 * paths (so an SDK's endpoint for loop x is {@code http://host/loops/x}), and the bare Personalizer paths
 * reach the default loop. An unknown loop is a 404.
 */
final class LoopRouter {
    private static final String PREFIX = "/loops/";

    private final Map<String, PersonalizerRoutes> loops;
    private final PersonalizerRoutes defaultLoop;

    LoopRouter(Map<String, PersonalizerRoutes> loops, String defaultLoop) {
        this.loops = Map.copyOf(loops);
        this.defaultLoop = loops.get(defaultLoop);
    }

    PersonalizerRoutes.Reply handle(String method, String path, String key, byte[] body) {
        if (!path.startsWith(PREFIX)) {
            return defaultLoop.handle(method, path, key, body);
        }
        int end = path.indexOf('/', PREFIX.length());
        String loop = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
        PersonalizerRoutes routes = loops.get(loop);
        if (routes == null || end < 0) {
            return PersonalizerRoutes.Reply.of(ApiResponse.error(404, "ResourceNotFound",
                    routes == null ? "no loop '" + loop + "' here" : "no such resource: " + path));
        }
        return routes.handle(method, path.substring(end), key, body);
    }

    /** The path a request is counted under in the metrics, whatever loop it went to. */
    static String routeOf(String path) {
        if (path.startsWith(PREFIX)) {
            int end = path.indexOf('/', PREFIX.length());
            return end < 0 ? "other" : PersonalizerRoutes.routeOf(path.substring(end));
        }
        return PersonalizerRoutes.routeOf(path);
    }
}
