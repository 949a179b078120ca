package io.warren.api.sim;

import io.warren.core.sim.SimulatedProduct;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated product driving a live Warren over HTTP as a real one would: for each event it ranks the
 * product's actions ({@code POST /rank}), shows the chosen one, and when the user clicks posts the reward
 * after a delay ({@code POST /events/{id}/reward}; no click: no call, the loop's default reward applies).
 * It keeps, per period, the expected reward of what Warren chose against the optimal and the uniformly
 * random policy on the same events, which the product's known reward model gives exactly.
 */
public final class LiveSimulation {
    private static final Pattern REWARD_ACTION = Pattern.compile("\"rewardActionId\"\\s*:\\s*\"a(\\d+)\"");

    /** Where to send requests and how fast; {@code period} is the length of one row of the report. */
    public record Settings(String endpoint, String key, long events, double eventsPerSecond, Duration rewardDelay,
                           Duration period, int inFlight, String runId) {}

    /** One period: events decided, and the mean expected reward of Warren's, the optimal and the random choice. */
    public record Period(long startMillis, long events, double chosen, double optimal, double random, long errors) {
        /** Share of the gap between random and optimal that Warren's choices closed (0: random, 1: optimal). */
        public double gapClosed() {
            double gap = optimal - random;
            return gap <= 0 ? Double.NaN : (chosen - random) / gap;
        }
    }

    private final Settings settings;
    private final SimulatedProduct product;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService rewards = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "warren-sim-rewards");
        t.setDaemon(true);
        return t;
    });

    public LiveSimulation(Settings settings, SimulatedProduct product) {
        this.settings = settings;
        this.product = product;
    }

    /** Runs events until all are done or {@code goOn} answers false to a period that ended. */
    public List<Period> run(Predicate<Period> goOn) throws InterruptedException {
        List<Period> periods = new ArrayList<>();
        Semaphore slots = new Semaphore(settings.inFlight());
        long nanosPerEvent = (long) (1e9 / settings.eventsPerSecond());
        long start = System.nanoTime();
        long periodNanos = settings.period().toNanos();
        Accumulator current = new Accumulator(System.currentTimeMillis());
        long periodEnd = start + periodNanos;
        boolean stopped = false;
        for (long i = 0; i < settings.events(); i++) {
            long due = start + i * nanosPerEvent;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (System.nanoTime() >= periodEnd) {
                slots.acquire(settings.inFlight());
                slots.release(settings.inFlight());
                Period done = current.period();
                periods.add(done);
                if (!goOn.test(done)) {
                    stopped = true;
                    break;
                }
                current = new Accumulator(System.currentTimeMillis());
                periodEnd += periodNanos;
            }
            slots.acquire();
            SimulatedProduct.Event event;
            synchronized (product) {
                event = product.next();
            }
            String eventId = settings.runId() + "-" + i;
            Accumulator into = current;
            rank(eventId, event).whenComplete((chosen, failure) -> {
                try {
                    if (failure != null || chosen < 0) {
                        into.errors.incrementAndGet();
                    } else {
                        into.add(event, chosen);
                        boolean clicked;
                        synchronized (product) {
                            clicked = product.reward(event, chosen) > 0;
                        }
                        if (clicked) {
                            rewards.schedule(() -> reward(eventId), settings.rewardDelay().toMillis(),
                                    TimeUnit.MILLISECONDS);
                        }
                    }
                } finally {
                    slots.release();
                }
            });
        }
        slots.acquire(settings.inFlight());
        Period last = current.period();
        if (!stopped && (last.events() > 0 || last.errors() > 0)) {
            periods.add(last);
            goOn.test(last);
        }
        rewards.shutdown();
        rewards.awaitTermination(settings.rewardDelay().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        return periods;
    }

    /** The whole run as one period: each period weighted by its events. */
    public static Period total(List<Period> periods) {
        long events = 0;
        long errors = 0;
        double chosen = 0;
        double optimal = 0;
        double random = 0;
        for (Period p : periods) {
            events += p.events();
            errors += p.errors();
            chosen += p.chosen() * p.events();
            optimal += p.optimal() * p.events();
            random += p.random() * p.events();
        }
        long n = Math.max(events, 1);
        return new Period(periods.isEmpty() ? 0 : periods.get(0).startMillis(), events, chosen / n, optimal / n,
                random / n, errors);
    }

    /** Ranks the event; completes with the chosen action's index, or -1 for an answer that is not a ranking. */
    private CompletableFuture<Integer> rank(String eventId, SimulatedProduct.Event event) {
        return http.sendAsync(post("/rank", rankBody(eventId, event)), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> {
                    if (response.statusCode() != 201) {
                        return -1;
                    }
                    Matcher m = REWARD_ACTION.matcher(response.body());
                    return m.find() ? Integer.parseInt(m.group(1)) : -1;
                });
    }

    private void reward(String eventId) {
        try {
            http.send(post("/events/" + eventId + "/reward", "{\"value\":1}"), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // A lost reward counts as no click: the loop's default reward applies.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(settings.endpoint() + "/personalizer/v1.0" + path))
                .header("Ocp-Apim-Subscription-Key", settings.key()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** Personalizer's rank body: the user's features under {@code user}, each action's under {@code item}. */
    static String rankBody(String eventId, SimulatedProduct.Event event) {
        StringBuilder b = new StringBuilder(1024).append("{\"eventId\":\"").append(eventId)
                .append("\",\"contextFeatures\":[{\"user\":{");
        for (int i = 0; i < event.context.length; i++) {
            b.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":").append(event.context[i]);
        }
        b.append("}}],\"actions\":[");
        for (int j = 0; j < event.actionFeatures.length; j++) {
            b.append(j == 0 ? "" : ",").append("{\"id\":\"a").append(j).append("\",\"features\":[{\"item\":{");
            double[] x = event.actionFeatures[j];
            for (int c = 0; c < x.length; c++) {
                b.append(c == 0 ? "" : ",").append("\"f").append(c).append("\":").append(x[c]);
            }
            b.append("}}]}");
        }
        return b.append("]}").toString();
    }

    /** Sums for one period, added to from the HTTP client's threads. */
    private static final class Accumulator {
        final long startMillis;
        long events;
        double chosen;
        double optimal;
        double random;
        final AtomicLong errors = new AtomicLong();

        Accumulator(long startMillis) {
            this.startMillis = startMillis;
        }

        synchronized void add(SimulatedProduct.Event event, int action) {
            events++;
            chosen += event.expectedReward[action];
            optimal += event.expectedReward[event.bestAction()];
            random += event.meanReward();
        }

        synchronized Period period() {
            long n = Math.max(events, 1);
            return new Period(startMillis, events, chosen / n, optimal / n, random / n, errors.get());
        }
    }

    /**
     * A progress line: period, events, Warren's expected reward against the optimal and the random policy's,
     * and a bar of the share of the gap between random and optimal that Warren closed.
     */
    public static String row(int index, Period p) {
        double closed = Double.isNaN(p.gapClosed()) ? 0 : Math.max(0, Math.min(1, p.gapClosed()));
        int filled = (int) Math.round(closed * 20);
        return String.format(Locale.ROOT, "%6d %8d %8.4f %8.4f %8.4f %7.1f%% |%s%s| %6d", index, p.events(),
                p.chosen(), p.optimal(), p.random(), 100 * p.gapClosed(), "#".repeat(filled), " ".repeat(20 - filled),
                p.errors());
    }

    public static String header() {
        return String.format(Locale.ROOT, "%6s %8s %8s %8s %8s %8s %22s %6s", "period", "events", "warren", "optimal",
                "random", "gap", "gap closed", "errors");
    }
}
