package io.warren.api.bench;

import io.warren.api.RankService;
import io.warren.api.config.Policy;
import io.warren.core.driver.LearnerStack;
import io.warren.core.rank.Ranker;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The in-process rank path (issue 4's target: p99 <= 20 us): parse the request body, write the decision
 * context, read it back as VW features, score and explore with Personalizer's default policy, draw, and
 * write the response and the decision line. Sample-time mode reports the percentiles.
 *
 * <p>{@link #machineNoise} is the same-run baseline for the tail: a fixed amount of pure computation (no
 * allocation, no memory traffic), once about as long as a rank and once twice that, so its p99 over its p50
 * is what the machine alone (other processes, CPU steal on a shared host, interrupts) adds to a step of
 * that length.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
public class RankPathBench {
    @Param({"10"})
    public int actions;

    private RankService service;
    private byte[] body;

    @Setup
    public void setup() {
        service = new RankService("bench", () -> new Ranker(LearnerStack.build(Policy.DEFAULT.options()), true,
                "bench"), 1, Clock.systemUTC());
        body = body(actions);
    }

    /** The request both rank benchmarks send: two context objects, {@code actions} actions of two objects each. */
    public static byte[] body(int actions) {
        StringBuilder sb = new StringBuilder("{\"contextFeatures\":[{\"user\":{\"mood\":\"tired\",\"tier\":\"gold\","
                + "\"visits\":12,\"mobile\":true}},{\"time\":{\"hour\":9,\"weekday\":\"tue\",\"season\":\"winter\"}}],"
                + "\"actions\":[");
        for (int i = 0; i < actions; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"item-").append(i).append("\",\"features\":[{\"kind\":\"k")
                    .append(i % 4).append("\",\"price\":").append(1.5 + i).append(",\"brand\":\"b").append(i % 3)
                    .append("\"},{\"tags\":{\"hot\":").append(i % 2 == 0).append(",\"new\":").append(i % 3 == 0)
                    .append("}}]}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public RankService.Outcome rank() {
        return service.rank(body, "Online");
    }

    /**
     * How much arithmetic {@link #machineNoise} does, in Blackhole tokens (a fixed instruction count): on this
     * VM 3500 take about a rank's p50 (7-8 us) and 7000 about twice that.
     */
    @State(Scope.Thread)
    public static class Noise {
        @Param({"3500", "7000"})
        public long tokens;
    }

    @Benchmark
    public void machineNoise(Noise noise) {
        Blackhole.consumeCPU(noise.tokens);
    }
}
