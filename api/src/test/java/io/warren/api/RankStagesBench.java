package io.warren.api;

import io.warren.api.bench.RankPathBench;
import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.DecisionJson;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.Ranker;
import io.warren.core.rank.Ranking;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link RankPathBench}'s rank split into its stages, each timed alone on the same request: reading the
 * body, deciding (context JSON, VW's JSON reader, scoring, exploring, the draw), writing the decision line
 * and writing the response. In this package because the request reader is package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1)
public class RankStagesBench {
    private static final String[] EVENT_IDS = {"4f1c7d0e9a2b4c3d8e5f60718293a4b5", "0a1b2c3d4e5f40718a9b0c1d2e3f4a5b"};

    private byte[] body;
    private RankRequest request;
    private Ranker ranker;
    private Ranking ranking;
    private int event;

    @Setup
    public void setup() {
        ranker = new Ranker(LearnerStack.build(Policy.DEFAULT.options()), true, "bench");
        body = RankPathBench.body(10);
        request = RankJson.parse(body);
        ranking = ranker.rank(request, EVENT_IDS[0], "bench");
    }

    @Benchmark
    public RankRequest read() {
        return RankJson.parse(body);
    }

    @Benchmark
    public Ranking decide() {
        return ranker.rank(request, EVENT_IDS[event++ & 1], "bench");
    }

    @Benchmark
    public byte[] decisionLine() {
        return DecisionJson.decision(ranking, request, "2026-12-07T18:00:00.0000000Z", "Online", "bench");
    }

    @Benchmark
    public byte[] response() {
        return RankJson.response(ranking, request);
    }
}
