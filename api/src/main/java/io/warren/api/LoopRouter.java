package io.warren.api;

/**
 * Many loops behind one endpoint: {@code /loops/{loop}/personalizer/...} reaches that loop's Personalizer
 * paths (so an SDK's endpoint for loop x is {@code http://host/loops/x}), and the bare Personalizer paths
 * reach the default loop. An unknown loop is a 404. With the default loop's admin key,
 * {@code PUT /loops/{loop}} adds a loop while running ({@link Loops#create}) and {@code DELETE /loops/{loop}}
 * removes one ({@link Loops#remove}).
 */
final class LoopRouter {
    private static final String PREFIX = "/loops/";

    private final Loops loops;
    private final PersonalizerRoutes defaultLoop;

    LoopRouter(Loops loops, String defaultLoop) {
        this.loops = loops;
        this.defaultLoop = loops.get(defaultLoop);
    }

    PersonalizerRoutes.Reply handle(String method, String path, String key, byte[] body) {
        if (!path.startsWith(PREFIX)) {
            return defaultLoop.handle(method, path, key, body);
        }
        int end = path.indexOf('/', PREFIX.length());
        String loop = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
        if (end < 0) {
            return PersonalizerRoutes.Reply.of(loopResource(method, loop, key, body));
        }
        PersonalizerRoutes routes = loops.get(loop);
        if (routes == null) {
            return PersonalizerRoutes.Reply.of(ApiResponse.error(404, "ResourceNotFound", "no loop '" + loop + "' here"));
        }
        return routes.handle(method, path.substring(end), key, body);
    }

    private ApiResponse loopResource(String method, String loop, String key, byte[] body) {
        boolean add = method.equals("PUT");
        if (!add && !method.equals("DELETE")) {
            return loops.get(loop) == null ? ApiResponse.error(404, "ResourceNotFound", "no loop '" + loop + "' here")
                    : ApiResponse.error(405, "BadRequest", method + " is not allowed on /loops/" + loop
                            + " (PUT adds a loop, DELETE removes it)");
        }
        if (key == null || !defaultLoop.isAdminKey(key)) {
            return ApiResponse.error(key == null ? 401 : 403, key == null ? "Unauthorized" : "Forbidden",
                    (add ? "adding" : "removing") + " a loop needs the default loop's admin key in Ocp-Apim-Subscription-Key");
        }
        return add ? loops.create(loop, body) : loops.remove(loop);
    }

    /** The path a request is counted under in the metrics, whatever loop it went to. */
    static String routeOf(String path) {
        if (path.startsWith(PREFIX)) {
            int end = path.indexOf('/', PREFIX.length());
            return end < 0 ? "loops" : PersonalizerRoutes.routeOf(path.substring(end));
        }
        return PersonalizerRoutes.routeOf(path);
    }
}
