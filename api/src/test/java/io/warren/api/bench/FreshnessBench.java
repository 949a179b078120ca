package io.warren.api.bench;

import io.warren.api.embedded.EmbeddedStack;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model freshness on the embedded stack (ops/bench/freshness_bench.sh): the time from a reward's join (the
 * end of its decision's reward window) until the API serves a model that learned from it. Each trial ranks
 * a context of its own, gives the chosen action a reward of -1, and from then polls the API (deferred,
 * never-activated probe ranks, which are not learned from) until another action is the top one: that
 * model learned the reward. The loop's policy learns fast enough (dm, learning rate 1) that one reward
 * flips the best action. Prints one line of JSON with the percentiles.
 *
 * <p>Arguments: trials (default 30), the jobs' classpath (flink-jobs' jar and libraries).
 */
public final class FreshnessBench {
    private static final Pattern RANKING = Pattern.compile("\"id\":\"(\\w+)\",\"probability\":([0-9.Ee-]+)");
    private static final Pattern CHOSEN = Pattern.compile("\"rewardActionId\":\"(\\w+)\"");
    private static final long REWARD_WAIT_MILLIS = 1000;

    private final HttpClient http = HttpClient.newHttpClient();
    private final EmbeddedStack stack;

    private FreshnessBench(EmbeddedStack stack) {
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String jobs = args[1];
        Path data = Files.createTempDirectory("freshness");
        try (EmbeddedStack stack = EmbeddedStack.start(new EmbeddedStack.Settings(data,
                System.getProperty("java.class.path"), jobs, "127.0.0.1", freePort(), freePort(), freePort(), "fresh"))) {
            FreshnessBench bench = new FreshnessBench(stack);
            bench.configure();
            bench.warmUp();
            double[] millis = new double[trials];
            double[] announced = new double[trials];
            int timeouts = 0;
            try (Announcements announcements = new Announcements(stack.kafkaBootstrap(), "fresh")) {
                for (int t = 0; t < trials; t++) {
                    long windowEnd = bench.trialWindowEnd(t);
                    millis[t] = bench.awaitFlip(t, windowEnd);
                    announced[t] = announcements.firstAfter(windowEnd) - windowEnd;
                    if (millis[t] < 0) {
                        timeouts++;
                    }
                    System.err.printf(Locale.ROOT, "trial %d: served after %.0f ms, announced after %.0f ms%n", t,
                            millis[t], announced[t]);
                }
            }
            double[] done = Arrays.stream(millis).filter(m -> m >= 0).sorted().toArray();
            double[] toAnnouncement = Arrays.stream(announced).filter(m -> m >= 0).sorted().toArray();
            System.out.println(String.format(Locale.ROOT, "{\"trials\":%d,\"timeouts\":%d,\"p50_ms\":%.0f,"
                    + "\"p90_ms\":%.0f,\"p99_ms\":%.0f,\"max_ms\":%.0f,\"announced_p50_ms\":%.0f}", trials, timeouts,
                    percentile(done, 0.5), percentile(done, 0.9), percentile(done, 0.99),
                    done.length == 0 ? Double.NaN : done[done.length - 1], percentile(toAnnouncement, 0.5)));
        }
    }

    private void configure() throws Exception {
        String service = call("GET", "/configurations/service", stack.adminKey(), null).body();
        check(call("PUT", "/configurations/service", stack.adminKey(),
                service.replaceAll("\"rewardWaitTime\":\"[^\"]+\"", "\"rewardWaitTime\":\"PT1S\"").replaceAll("\"modelExportFrequency\":\"[^\"]+\"", "\"modelExportFrequency\":\"" + System.getProperty("export", "PT1S") + "\"")), 200);
        check(call("PUT", "/configurations/policy", stack.adminKey(), "{\"name\":\"fresh\",\"arguments\":"
                + "\"--cb_explore_adf --epsilon 0.01 --cb_type dm -l 1 --power_t 0 -q ::\"}"), 200);
    }

    /**
     * Rewards until the API serves a model under the new policy (ranks stop being uniform): decisions the
     * join read before the new settings wait the old reward time.
     */
    private void warmUp() throws Exception {
        for (int k = 0; k < 120; k++) {
            HttpResponse<String> ranked = call("POST", "/rank", stack.key(), context("warm" + k)
                    + ",\"eventId\":\"warm-" + k + "\"}");
            if (top(ranked.body()) != null) {
                return;
            }
            check(call("POST", "/events/warm-" + k + "/reward", stack.key(), "{\"value\":-1}"), 204);
            Thread.sleep(500);
        }
        throw new IllegalStateException("no model served after a minute of warm-up rewards");
    }

    private static String context(String trial) {
        return "{\"contextFeatures\":[{\"trial\":{\"id\":\"" + trial + "\"}}],\"actions\":["
                + "{\"id\":\"left\",\"features\":[{\"side\":{\"name\":\"left\"}}]},"
                + "{\"id\":\"right\",\"features\":[{\"side\":{\"name\":\"right\"}}]}]";
    }

    private String trialContext;
    private String trialChosen;

    /**
     * Ranks a fresh context, rewards the shown action with -1 and returns the end of its reward window. A
     * decision that explored (showed an action the model does not rank first) is drawn again.
     */
    private long trialWindowEnd(int t) throws Exception {
        HttpResponse<String> ranked;
        int attempt = 0;
        do {
            trialContext = context("t" + t + "-" + attempt);
            ranked = call("POST", "/rank", stack.key(), trialContext + ",\"eventId\":\"trial-" + t + "-" + attempt + "\"}");
            check(ranked, 201);
            Matcher m = CHOSEN.matcher(ranked.body());
            m.find();
            trialChosen = m.group(1);
            attempt++;
        } while (!trialChosen.equals(top(ranked.body())));
        long decided = System.currentTimeMillis();
        check(call("POST", "/events/trial-" + t + "-" + (attempt - 1) + "/reward", stack.key(), "{\"value\":-1}"), 204);
        return decided + REWARD_WAIT_MILLIS;
    }

    /** Milliseconds from {@code windowEnd} until the API ranks another action first, or -1 after 15 s. */
    private double awaitFlip(int t, long windowEnd) throws Exception {
        long deadline = windowEnd + 15_000;
        for (int probe = 0; System.currentTimeMillis() < deadline; probe++) {
            HttpResponse<String> seen = call("POST", "/rank", stack.key(), trialContext + ",\"eventId\":\"probe-" + t
                    + "-" + probe + "\",\"deferActivation\":true}");
            String top = top(seen.body());
            if (top != null && !top.equals(trialChosen)) {
                return Math.max(0, System.currentTimeMillis() - windowEnd);
            }
            Thread.sleep(20);
        }
        return -1;
    }

    /** The action with the highest probability in a rank response, or null when several share it (no model). */
    private static String top(String body) {
        Matcher m = RANKING.matcher(body);
        String best = null;
        double bestP = -1;
        boolean tied = false;
        while (m.find()) {
            double p = Double.parseDouble(m.group(2));
            if (p > bestP) {
                bestP = p;
                best = m.group(1);
                tied = false;
            } else if (p == bestP) {
                tied = true;
            }
        }
        return tied ? null : best;
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.url() + "/personalizer/v1.1-preview.3" + path))
                .header("Ocp-Apim-Subscription-Key", key).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
