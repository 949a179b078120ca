package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * --cbify end to end on VW's {@code multiclass} data set with the exploration strategies Warren has.
 * The expected rows (label, sampled prediction) and losses are those of VW 9.11's own regression
 * tests for the same command lines (cbify_epsilon_adf, t629, cbify_first, cbify_bag): they pin the
 * seeded sampling, the simulated costs and what is learned from them.
 */
class CbifyRunTest {
    private static Path multiclassData() {
        Path data = VwReferenceTest.reference().resolve("data").resolve("multiclass");
        Assumptions.assumeTrue(Files.exists(data), "shared VW reference data not found");
        return data;
    }

    private static String run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-d");
        all.add(multiclassData().toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), Path.of(".")).run(all);
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(text).isZero();
        return text;
    }

    /** "label->prediction" of each progress row. */
    private static List<String> rows(String stderr) {
        List<String> out = new ArrayList<>();
        boolean table = false;
        for (String line : stderr.lines().toList()) {
            if (line.startsWith("loss     last")) {
                table = true;
            } else if (table && line.isBlank()) {
                break;
            } else if (table) {
                String[] cols = line.trim().split("\\s+");
                out.add(cols[4] + "->" + cols[5]);
            }
        }
        return out;
    }

    @Test
    void epsilonGreedySamplesAndLearnsAsVwDoes() {
        String err = run("--cbify", "10", "--cb_explore_adf", "--epsilon", "0.05");
        assertThat(err).contains("Enabled learners: gd, scorer-identity, csoaa_ldf-rank, cb_adf, cb_explore_adf_greedy, "
                + "shared_feature_merger, cbify-adf", "Input label = MULTICLASS", "Output pred = MULTICLASS",
                "average loss = 0.900000", "total feature number = 20");
        assertThat(rows(err)).containsExactly("1->5", "2->9", "4->7", "8->4");
    }

    @Test
    void withoutCbExploreAdfCbifyStillRunsTheAdfReduction() {
        String err = run("--cbify", "10", "--epsilon", "0.05", "--flip_loss_sign");
        assertThat(err).contains("cb_explore_adf_greedy, shared_feature_merger, cbify-adf");
        assertThat(rows(err)).containsExactly("1->5", "2->5", "4->5", "8->5");
    }

    @Test
    void exploreFirstAndBaggingMatchVw() {
        String first = run("--cbify", "10", "--first", "5");
        assertThat(rows(first)).containsExactly("1->5", "2->10", "4->8", "8->4");
        assertThat(first).contains("average loss = 0.900000");
        String bag = run("--cbify", "10", "--bag", "7");
        assertThat(rows(bag)).containsExactly("1->5", "2->10", "4->7", "8->3");
        assertThat(bag).contains("average loss = 0.700000");
    }
}
