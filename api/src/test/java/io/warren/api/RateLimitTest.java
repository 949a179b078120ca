package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.api.config.LoopConfigStore;
import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.Ranker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitTest {
    @TempDir
    Path dir;

    @Test
    void bucketAllowsItsRateThenSaysHowLongToWait() {
        long t = 0;
        RateLimiter limiter = new RateLimiter(5, t);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(t)).isZero();
        }
        assertThat(limiter.tryAcquire(t)).isEqualTo(1);
        assertThat(limiter.tryAcquire(t + 200_000_000L)).isZero();
        assertThat(new RateLimiter(0, t).tryAcquire(t)).isZero();
    }

    @Test
    void aKeyOverItsLimitGets429WithRetryAfterAndOtherKeysAreNotHeldBack() throws Exception {
        PersonalizerRoutes routes = new PersonalizerRoutes("limited", new RankService("limited",
                () -> new Ranker(LearnerStack.build(Policy.DEFAULT.options()), false, ""), 1, Clock.systemUTC()),
                Clock.systemUTC(), new LoopConfigStore(dir, Policy.DEFAULT), "k", "admin", 3, dir.resolve("models"), null,
                new SpoolLoopLogs(new SpoolLog(dir.resolve("spool")), dir.resolve("spool"), "limited"), new KnownEvents("limited",
                        () -> java.time.Duration.ofMinutes(10), Clock.systemUTC(), null, dir.resolve("spool")));
        byte[] reward = "{\"value\":1}".getBytes(StandardCharsets.UTF_8);
        int accepted = 0;
        PersonalizerRoutes.Reply last = null;
        for (int i = 0; i < 10; i++) {
            last = routes.handle("POST", "/personalizer/v1.0/events/e/reward", "k", reward);
            if (last.response().status() == 204) {
                accepted++;
            }
        }
        assertThat(accepted).isBetween(3, 4);
        assertThat(last.response().status()).isEqualTo(429);
        assertThat(last.response().retryAfterSeconds()).isPositive();
        assertThat(new String(last.response().body(), StandardCharsets.UTF_8)).contains("\"code\":\"TooManyRequests\"");
        assertThat(last.topic()).isNull();
        assertThat(routes.handle("GET", "/personalizer/v1.0/configurations/policy", "admin", new byte[0])
                .response().status()).isEqualTo(200);
    }
}
