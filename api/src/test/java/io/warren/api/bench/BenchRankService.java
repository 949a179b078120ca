package io.warren.api.bench;

import io.warren.api.RankService;
import io.warren.core.driver.LearnerStack;
import io.warren.core.driver.VwOptions;
import io.warren.core.rank.Ranker;
import java.time.Clock;
import java.util.List;

/** The rank endpoint both server candidates serve: Personalizer's default policy, scoring every action. */
final class BenchRankService {
    static final String PATH = "/personalizer/v1.0/rank";
    private static final String POLICY = "--cb_explore_adf --epsilon 0.2 --power_t 0 -l 0.001 --cb_type mtr -q ::";

    private BenchRankService() {}

    static RankService create(int rankers) {
        return new RankService("bench", () -> new Ranker(LearnerStack.build(VwOptions.parse(List.of(POLICY.split(" ")))),
                true, "bench"), rankers, Clock.systemUTC());
    }
}
