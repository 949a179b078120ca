package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.core.sim.LoggedDataWriter;
import io.warren.core.sim.SimulatedProduct;
import io.warren.core.sim.SimulationConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Learning DSJSON lines one at a time gives exactly the model {@code warren train --dsjson -f} writes for
 * the same file, for a cb_explore_adf policy and a ccb_explore_adf one, also across a snapshot and a restore.
 */
class DsJsonLearnerTest {
    private static final String CB_POLICY = "--cb_explore_adf --epsilon 0.2 --power_t 0 -l 0.001 --cb_type mtr -q ::";
    private static final String CCB_POLICY = "--ccb_explore_adf --epsilon 0.2 --power_t 0 -l 0.01 -q ::";

    @TempDir
    Path work;

    /** Simulated events as the join writes them, with a skipped and a malformed line among them. */
    private static List<String> cbLines(int n) throws IOException {
        StringWriter out = new StringWriter();
        new LoggedDataWriter(new SimulatedProduct(new SimulationConfig(5, 6, 4, 0.1, 0.0, 10_000, false, 3)),
                LoggedDataWriter.Format.DSJSON).write(out, n);
        List<String> lines = new ArrayList<>(out.toString().lines().toList());
        lines.add(n / 3, "{\"_skipLearn\":true," + lines.get(5).substring(1));
        lines.add(n / 2, "{\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]");
        return lines;
    }

    /** Multi-slot joined lines: two slots over four articles; each mood rewards one article in the first slot. */
    private static List<String> ccbLines(int n) {
        SplittableRandom r = new SplittableRandom(5);
        String[] moods = {"happy", "tired", "hungry", "bored"};
        List<String> lines = new ArrayList<>();
        for (int e = 0; e < n; e++) {
            int mood = r.nextInt(4);
            int first = r.nextInt(4);
            int second = (first + 1 + r.nextInt(3)) % 4;
            StringBuilder j = new StringBuilder("{\"EventId\":\"c").append(e)
                    .append("\",\"Timestamp\":\"2026-01-01T00:00:00.000Z\",\"Version\":\"1\",\"c\":{\"user\":{\"mood\":\"")
                    .append(moods[mood]).append("\"},\"_multi\":[");
            for (int a = 0; a < 4; a++) {
                j.append(a == 0 ? "" : ",").append("{\"article\":{\"id\":\"a").append(a).append("\",\"kind\":\"")
                        .append(moods[a]).append("\"}}");
            }
            j.append("],\"_slots\":[{\"_id\":\"top\",\"place\":{\"size\":2}},{\"_id\":\"side\",\"place\":{\"size\":1}}]},")
                    .append("\"_outcomes\":[");
            float cost1 = first == mood ? -1f : 0f;
            float cost2 = second == mood ? -0.5f : 0f;
            j.append("{\"_label_cost\":").append(cost1).append(",\"_id\":\"top\",\"_a\":[").append(first);
            for (int a = 0; a < 4; a++) {
                if (a != first) {
                    j.append(',').append(a);
                }
            }
            j.append("],\"_p\":[0.7,0.1,0.1,0.1],\"_o\":[]},{\"_label_cost\":").append(cost2)
                    .append(",\"_id\":\"side\",\"_a\":[").append(second);
            for (int a = 0; a < 4; a++) {
                if (a != first && a != second) {
                    j.append(',').append(a);
                }
            }
            j.append("],\"_p\":[0.8,0.1,0.1],\"_o\":[]}],\"VWState\":{\"m\":\"x\"}}");
            lines.add(j.toString());
        }
        return lines;
    }

    private byte[] trainRun(String policy, List<String> lines, String name) throws IOException {
        Files.write(work.resolve(name + ".json"), lines);
        List<String> args = new ArrayList<>(Arrays.asList(policy.split(" ")));
        args.addAll(List.of("--dsjson", "--quiet", "-d", name + ".json", "-f", name + ".trainrun.wrn"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work).run(args);
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return Files.readAllBytes(work.resolve(name + ".trainrun.wrn"));
    }

    private byte[] written(DsJsonLearner learner, String name) throws IOException {
        Path file = work.resolve(name);
        learner.writeModel(file);
        return Files.readAllBytes(file);
    }

    @Test
    void cbExploreAdfLinesOneByOneMakeTrainRunsModel() throws IOException {
        List<String> lines = cbLines(1500);
        DsJsonLearner learner = DsJsonLearner.fresh(CB_POLICY);
        for (String line : lines) {
            learner.learn(line);
        }
        assertThat(learner.learnedEvents()).isEqualTo(1500);
        assertThat(learner.skippedLines()).isEqualTo(1);
        assertThat(learner.malformedLines()).isEqualTo(1);
        assertThat(learner.lastError()).contains("JSON");
        assertThat(learner.modelArguments()).isEqualTo(
                "--cb_explore_adf --epsilon 0.2 --power_t 0 --learning_rate 0.001 --cb_type mtr --quadratic ::");
        assertThat(written(learner, "cb.wrn")).isEqualTo(trainRun(CB_POLICY, lines, "cb"));
    }

    @Test
    void ccbExploreAdfLinesOneByOneMakeTrainRunsModel() throws IOException {
        List<String> lines = ccbLines(800);
        DsJsonLearner learner = DsJsonLearner.fresh(CCB_POLICY);
        for (String line : lines) {
            assertThat(learner.learn(line)).isEqualTo(DsJsonLearner.Outcome.LEARNED);
        }
        byte[] reference = trainRun(CCB_POLICY, lines, "ccb");
        assertThat(written(learner, "ccb.wrn")).isEqualTo(reference);
        // What multi-slot rank serves.
        LearnerStack served = LearnerStack.load(work.resolve("ccb.wrn"));
        assertThat(served.decidesSlots()).isTrue();
    }

    @Test
    void aRestoredSnapshotContinuesExactlyWhereTheLearnerStopped() throws IOException {
        for (String policy : List.of(CB_POLICY, CCB_POLICY)) {
            List<String> lines = policy.equals(CB_POLICY) ? cbLines(1000) : ccbLines(600);
            DsJsonLearner whole = DsJsonLearner.fresh(policy);
            DsJsonLearner first = DsJsonLearner.fresh(policy);
            int half = lines.size() / 2;
            for (int i = 0; i < lines.size(); i++) {
                whole.learn(lines.get(i));
                if (i < half) {
                    first.learn(lines.get(i));
                }
            }
            DsJsonLearner second = DsJsonLearner.restore(policy, first.snapshot());
            assertThat(second.learnedEvents()).isEqualTo(first.learnedEvents());
            for (String line : lines.subList(half, lines.size())) {
                second.learn(line);
            }
            assertThat(second.learnedEvents()).isEqualTo(whole.learnedEvents());
            assertThat(second.averageLoss()).isEqualTo(whole.averageLoss());
            assertThat(written(second, "restored.wrn")).as(policy).isEqualTo(written(whole, "whole.wrn"));
            assertThat(second.snapshot()).isEqualTo(whole.snapshot());
        }
    }

    @Test
    void learningALineAllocatesLittleOnceWarm() throws IOException {
        List<byte[]> lines = cbLines(4000).stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        DsJsonLearner learner = DsJsonLearner.fresh("--cb_explore_adf --epsilon 0.2 -q sa");
        for (byte[] line : lines.subList(0, 2000)) {
            learner.learn(line);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (byte[] line : lines.subList(2000, 4000)) {
            learner.learn(line);
        }
        long perLine = (threads.getCurrentThreadAllocatedBytes() - before) / 2000;
        // Jackson's parser per line (its buffers are recycled) is what remains.
        assertThat(perLine).as("bytes allocated per line").isLessThan(2048);
    }

    @Test
    void policiesThatCannotLearnFromEventsAreRefused() {
        assertThatThrownBy(() -> DsJsonLearner.fresh("--cb 3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multi-line");
        assertThatThrownBy(() -> DsJsonLearner.fresh("--cb_explore_adf -d x.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--data");
    }
}
