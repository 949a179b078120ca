package io.warren.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.Ranker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-loop gauges follow the model each loop serves, and go with the loop. */
class ApiMetricsTest {
    @TempDir
    Path dir;

    @Test
    void theServedModelsVersionAndAgeArePerLoopGauges() throws Exception {
        ApiMetrics metrics = new ApiMetrics(dir.resolve("spool"));
        Supplier<Ranker> untrained = () -> new Ranker(LearnerStack.build(Policy.DEFAULT.options()), false, "");
        RankService shop = new RankService("shop", untrained, 1, Clock.systemUTC());
        metrics.addLoop("shop", shop);
        assertThat(metrics.scrape()).contains("warren_model_version{loop=\"shop\"} NaN");

        Path model = Files.writeString(dir.resolve("v7.model"), "weights");
        shop.serve(new RankService.ServedModel(model, "7", Instant.now()), untrained);
        String scraped = metrics.scrape();
        assertThat(scraped).contains("warren_model_version{loop=\"shop\"} 7.0");
        assertThat(scraped).containsPattern("warren_model_age_seconds\\{loop=\"shop\"} [0-9.]+");

        metrics.removeLoop("shop");
        assertThat(metrics.scrape()).doesNotContain("loop=\"shop\"");
    }
}
