package io.warren.api;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP server: Vert.x 5, one event loop per core sharing the port (chosen by ops/bench/http_bench.sh).
 * Each request's body is read whole (up to {@link #MAX_BODY_BYTES}, else 413), handed to the routes,
 * and answered once whatever it must log is durable; a log failure is answered 503, never 2xx.
 */
public final class VertxFront implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final Vertx vertx;
    private final int port;

    private VertxFront(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    /** Starts serving {@code routes} on {@code host:port} (port 0: any free one, see {@link #port()}). */
    static VertxFront start(String host, int port, LoopRouter routes, OpsRoutes ops, ApiMetrics metrics,
                            EventLog log) {
        Vertx vertx = Vertx.vertx();
        int cores = Runtime.getRuntime().availableProcessors();
        // Instances listening on one host and port share it; Vert.x gives each its own port for port 0,
        // so a free port is picked first.
        int shared = port != 0 ? port : freePort(host);
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options(host, shared))
                        .requestHandler(req -> handle(req, routes, ops, metrics, log)).listen();
            }
        }, new DeploymentOptions().setInstances(cores)).await();
        return new VertxFront(vertx, shared);
    }

    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    private static HttpServerOptions options(String host, int port) {
        return new HttpServerOptions().setHost(host).setPort(port);
    }

    public int port() {
        return port;
    }

    private static void handle(HttpServerRequest req, LoopRouter routes, OpsRoutes ops, ApiMetrics metrics,
                               EventLog log) {
        long started = System.nanoTime();
        String route = LoopRouter.routeOf(req.path());
        req.response().endHandler(v -> metrics.recordRequest(route, req.response().getStatusCode(),
                System.nanoTime() - started));
        if (OpsRoutes.handles(req.path())) {
            reply(req, ops.handle(req.method().name(), req.path()));
            return;
        }
        String length = req.getHeader("content-length");
        if (length != null && !length.isEmpty() && length.chars().allMatch(Character::isDigit)
                && (length.length() > 9 || Long.parseLong(length) > MAX_BODY_BYTES)) {
            reply(req, ApiResponse.error(413, "BadRequest", "the body is larger than " + MAX_BODY_BYTES + " bytes"));
            return;
        }
        Buffer body = Buffer.buffer();
        req.handler(chunk -> {
            if (req.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BODY_BYTES) {
                req.pause();
                reply(req, ApiResponse.error(413, "BadRequest", "the body is larger than " + MAX_BODY_BYTES + " bytes"));
                return;
            }
            body.appendBuffer(chunk);
        });
        Context context = Vertx.currentContext();
        req.endHandler(done -> {
            if (req.response().ended()) {
                return;
            }
            PersonalizerRoutes.Reply reply = routes.handle(req.method().name(), req.path(),
                    req.getHeader("Ocp-Apim-Subscription-Key"), body.getBytes());
            if (reply.topic() == null) {
                reply(req, reply.response());
            } else if (reply.refusal() == null) {
                store(req, reply, log, context);
            } else {
                reply.refusal().whenComplete((refused, failure) -> {
                    if (refused != null) {
                        context.runOnContext(v -> reply(req, refused));
                    } else {
                        store(req, reply, log, context);
                    }
                });
            }
        });
    }

    /** Makes the reply's records durable, then sends its response (503 when they could not be stored). */
    private static void store(HttpServerRequest req, PersonalizerRoutes.Reply reply, EventLog log, Context context) {
        durable(log, reply).whenComplete((ok, failure) -> {
            ApiResponse response = failure == null ? reply.response()
                    : ApiResponse.error(503, "InternalServerError", "the event could not be stored; retry");
            context.runOnContext(v -> reply(req, response));
        });
    }

    /** Completes once every record of the reply is durable. */
    private static CompletableFuture<Void> durable(EventLog log, PersonalizerRoutes.Reply reply) {
        List<byte[]> records = reply.records();
        if (records.size() == 1) {
            return log.append(reply.topic(), reply.key(), records.get(0));
        }
        CompletableFuture<?>[] appends = new CompletableFuture<?>[records.size()];
        for (int i = 0; i < appends.length; i++) {
            appends[i] = log.append(reply.topic(), reply.key(), records.get(i));
        }
        return CompletableFuture.allOf(appends);
    }

    private static void reply(HttpServerRequest req, ApiResponse response) {
        var out = req.response().setStatusCode(response.status());
        if (response.retryAfterSeconds() > 0) {
            out.putHeader("Retry-After", Long.toString(response.retryAfterSeconds()));
        }
        if (response.body().length == 0) {
            out.end();
        } else {
            out.putHeader("content-type", response.contentType()).end(Buffer.buffer(response.body()));
        }
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
