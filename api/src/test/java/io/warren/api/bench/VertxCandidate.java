package io.warren.api.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.warren.api.RankService;

/** Vert.x 5 (one event loop per core, ranking on the loop) serving the rank endpoint; args: port. */
public final class VertxCandidate {
    private VertxCandidate() {}

    public static void main(String[] args) {
        int cores = Runtime.getRuntime().availableProcessors();
        RankService service = BenchRankService.create(cores);
        Vertx vertx = Vertx.vertx();
        int port = Integer.parseInt(args[0]);
        // One verticle instance per core: each has its own event loop, and they share the port.
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer().requestHandler(req -> handle(req, service)).listen(port);
            }
        }, new DeploymentOptions().setInstances(cores)).await();
        System.out.println("vertx listening on " + port);
    }

    private static void handle(HttpServerRequest req, RankService service) {
        if (!req.path().equals(BenchRankService.PATH)) {
            req.response().setStatusCode(404).end();
            return;
        }
        req.body().onSuccess(body -> {
            RankService.Outcome outcome = service.rank(body.getBytes(), "Online");
            req.response().setStatusCode(outcome.response().status())
                    .putHeader("content-type", "application/json; charset=utf-8")
                    .end(Buffer.buffer(outcome.response().body()));
        });
    }
}
