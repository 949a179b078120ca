package io.warren.api.bench;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.warren.api.RankService;

/** Helidon SE 4 (a virtual thread per request) serving the rank endpoint; args: port. */
public final class HelidonCandidate {
    private HelidonCandidate() {}

    public static void main(String[] args) {
        RankService service = BenchRankService.create(Runtime.getRuntime().availableProcessors() * 2);
        WebServer server = WebServer.builder()
                .port(Integer.parseInt(args[0]))
                .routing(r -> r.post(BenchRankService.PATH, (req, res) -> {
                    RankService.Outcome outcome = service.rank(req.content().as(byte[].class), "Online");
                    res.status(Status.create(outcome.response().status()))
                            .header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
                            .send(outcome.response().body());
                }))
                .build()
                .start();
        System.out.println("helidon listening on " + server.port());
    }
}
