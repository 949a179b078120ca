package io.warren.api.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator (ops/bench/http_rate_bench.sh): POSTs one body at a fixed rate, whatever the
 * server's answers, and measures each request's latency from the moment it was due, not from when it was
 * sent, so a stalled server shows in the latency of everything that waited behind it (no coordinated
 * omission, unlike a closed-loop generator such as wrk). Requests wait for a free connection in the
 * client's pool, and that wait counts too. Prints one line of JSON.
 *
 * <p>Arguments: url bodyFile key rate seconds warmupSeconds connections.
 */
public final class RateLoad {
    private RateLoad() {}

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[1])));
        String key = args[2];
        double rate = Double.parseDouble(args[3]);
        long seconds = Long.parseLong(args[4]);
        long warmup = Long.parseLong(args[5]);
        int connections = Integer.parseInt(args[6]);

        Vertx vertx = Vertx.vertx();
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost())
                .setPort(url.getPort()).setURI(url.getPath()).putHeader("Content-Type", "application/json")
                .putHeader("Ocp-Apim-Subscription-Key", key);
        Histogram latencies = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        long[] due = {start};
        AtomicLong inFlight = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (due[0] <= now && due[0] < end) {
                long intended = due[0];
                due[0] += interval;
                inFlight.incrementAndGet();
                client.request(request).compose(r -> r.send(body)).onComplete(answer -> {
                    long latency = System.nanoTime() - intended;
                    boolean ok = answer.succeeded() && answer.result().statusCode() == 201;
                    if (answer.succeeded()) {
                        answer.result().body();
                    }
                    if (intended >= measureFrom) {
                        if (ok) {
                            latencies.recordValue(Math.min(latency, latencies.getHighestTrackableValue()));
                            completed.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    if (inFlight.decrementAndGet() == 0 && due[0] >= end) {
                        finished.countDown();
                    }
                });
            }
            if (due[0] >= end) {
                vertx.cancelTimer(timer);
                if (inFlight.get() == 0) {
                    finished.countDown();
                }
            }
        });
        boolean drained = finished.await(seconds + warmup + 30, TimeUnit.SECONDS);
        double measuredSeconds = (System.nanoTime() - measureFrom) / 1e9;
        System.out.println(String.format(Locale.ROOT, "{\"rate\":%.0f,\"seconds\":%d,\"connections\":%d,"
                        + "\"completed\":%d,\"failed\":%d,\"drained\":%b,\"completed_per_s\":%.0f,\"p50_ms\":%.3f,"
                        + "\"p90_ms\":%.3f,\"p99_ms\":%.3f,\"p999_ms\":%.3f,\"max_ms\":%.3f}", rate, seconds, connections,
                completed.get(), failed.get(), drained, completed.get() / Math.max(measuredSeconds, seconds),
                ms(latencies, 50), ms(latencies, 90), ms(latencies, 99), ms(latencies, 99.9),
                latencies.getMaxValue() / 1e6));
        vertx.close().await();
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e6;
    }
}
