package io.warren.core.driver;

import static io.warren.core.driver.DsJsonLearnerTest.CB_POLICY;
import static io.warren.core.driver.DsJsonLearnerTest.CCB_POLICY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines learned with their reading on another thread give what learning them one by one gives. */
class LearnAheadTest {
    private record Seen(int line, DsJsonLearner learner, DsJsonLearner.Outcome outcome) {}

    private static byte[] utf8(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void twoLoopsInterleavedLearnExactlyTheirModelsWithEveryOutcomeInOrder() throws IOException {
        List<String> cb = DsJsonLearnerTest.cbLines(1200);
        List<String> ccb = DsJsonLearnerTest.ccbLines(500);
        DsJsonLearner cbAlone = DsJsonLearner.fresh(CB_POLICY);
        DsJsonLearner ccbAlone = DsJsonLearner.fresh(CCB_POLICY);
        DsJsonLearner cbAhead = DsJsonLearner.fresh(CB_POLICY);
        DsJsonLearner ccbAhead = DsJsonLearner.fresh(CCB_POLICY);
        List<Seen> expected = new ArrayList<>();
        List<Seen> seen = new ArrayList<>();
        try (LearnAhead<Integer> ahead = new LearnAhead<>(4, (tag, learner, outcome) ->
                seen.add(new Seen(tag, learner, outcome)))) {
            int ccbAt = 0;
            for (int i = 0; i < cb.size(); i++) {
                expected.add(new Seen(i, cbAhead, cbAlone.learn(cb.get(i))));
                ahead.learn(cbAhead, utf8(cb.get(i)), i);
                if (i % 2 == 0 && ccbAt < ccb.size()) {
                    int tag = 100_000 + ccbAt;
                    expected.add(new Seen(tag, ccbAhead, ccbAlone.learn(ccb.get(ccbAt))));
                    ahead.learn(ccbAhead, utf8(ccb.get(ccbAt++)), tag);
                }
            }
            ahead.drain();
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(seen).extracting(Seen::outcome).contains(DsJsonLearner.Outcome.SKIPPED,
                DsJsonLearner.Outcome.MALFORMED);
        assertThat(cbAhead.malformedLines()).isEqualTo(1);
        assertThat(cbAhead.lastError()).isEqualTo(cbAlone.lastError());
        assertThat(cbAhead.snapshot()).isEqualTo(cbAlone.snapshot());
        assertThat(ccbAhead.snapshot()).isEqualTo(ccbAlone.snapshot());
    }

    @Test
    void drainLearnsEverythingHandedOverAndALearnerCanThenGoOnAlone() throws IOException {
        List<String> lines = DsJsonLearnerTest.cbLines(300);
        DsJsonLearner alone = DsJsonLearner.fresh(CB_POLICY);
        DsJsonLearner ahead = DsJsonLearner.fresh(CB_POLICY);
        List<Integer> learned = new ArrayList<>();
        try (LearnAhead<Integer> lines16 = new LearnAhead<>(16, (tag, learner, outcome) -> learned.add(tag))) {
            for (int i = 0; i < 150; i++) {
                alone.learn(lines.get(i));
                lines16.learn(ahead, utf8(lines.get(i)), i);
            }
            lines16.drain();
            assertThat(learned).hasSize(150);
            assertThat(ahead.snapshot()).isEqualTo(alone.snapshot());
            for (String line : lines.subList(150, lines.size())) {
                alone.learn(line);
                ahead.learn(line);
            }
        }
        assertThat(ahead.snapshot()).isEqualTo(alone.snapshot());
    }

    @Test
    void aLineTheReaderCannotTakeFailsOnTheCallersThreadAndCloseStopsTheReader() {
        DsJsonLearner learner = DsJsonLearner.fresh(CB_POLICY);
        LearnAhead<String> ahead = new LearnAhead<>(2, (tag, l, outcome) -> { });
        ahead.learn(learner, null, "no line");
        assertThatThrownBy(ahead::drain).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("reading a line failed").hasCauseInstanceOf(NullPointerException.class);
        assertThat(readers()).isPositive();
        ahead.close();
        assertThat(readers()).isZero();
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("warren-line-reader") && t.isAlive()).count();
    }
}
