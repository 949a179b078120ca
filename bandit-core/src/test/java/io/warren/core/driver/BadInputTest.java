package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed input is reported with file and line and skipped; --strict stops with exit code 2; nothing crashes. */
class BadInputTest {
    @TempDir
    Path work;

    private record Run(int rc, String stderr) {}

    private Run train(String data, String... extra) throws IOException {
        Files.writeString(work.resolve("data.txt"), data);
        List<String> args = new java.util.ArrayList<>(List.of("--cb_explore_adf", "-q", "sa", "-d", "data.txt"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), work).run(args);
        return new Run(rc, err.toString(StandardCharsets.UTF_8));
    }

    private static final String GOOD = "shared |s u1\n0:1:0.5 |a x\n|a y\n\n";

    @Test
    void badLabelIsReportedWithFileAndLineAndItsExampleSkipped() throws IOException {
        Run run = train(GOOD + "shared |s u2\n1:abc:0.5 |a x\n|a y\n\n" + GOOD);
        assertThat(run.rc()).isZero();
        assertThat(run.stderr()).contains("data.txt:6: 'abc' is not a number").contains("number of examples = 2")
                .contains("malformed lines skipped = 1");
    }

    @Test
    void strictStopsAtTheFirstMalformedLineWithExitCodeTwo() throws IOException {
        Run run = train(GOOD + "shared |s u2\n1:abc:0.5 |a x\n|a y\n\n" + GOOD, "--strict");
        assertThat(run.rc()).isEqualTo(2);
        assertThat(run.stderr()).contains("Error: data.txt:6:");
    }

    @Test
    void twoCostsOnOneActionLineIsRejectedNotCrashed() throws IOException {
        Run run = train(GOOD + "shared |s u2\n1:1:0.5 2:0:0.5 |a x\n|a y\n\n" + GOOD);
        assertThat(run.rc()).isZero();
        assertThat(run.stderr()).contains("data.txt:5: cb_adf: badly formatted example").contains("number of examples = 2");
    }

    @Test
    void unknownOptionIsAClearErrorNotAnException() throws IOException {
        Run run = train(GOOD, "--no_such_option");
        assertThat(run.rc()).isEqualTo(1);
        assertThat(run.stderr()).contains("unrecognised option '--no_such_option'");
    }

    @Test
    void optionsThatWouldChangeResultsButAreNotImplementedAreRefused() throws IOException {
        for (String[] extra : new String[][] {{"--passes", "2"}, {"--loss_function", "logistic"}, {"--ignore_linear", "a"},
            {"--readable_model", "m.txt"}}) {
            Run run = train(GOOD, extra);
            assertThat(run.rc()).as(String.join(" ", extra)).isEqualTo(1);
            assertThat(run.stderr()).contains("--" + extra[0].substring(2)).contains("not supported");
        }
    }

    @Test
    void missingDataFileIsAClearError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work)
                .run(List.of("--cb_explore_adf", "-d", "nope.txt"));
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.txt");
    }

    @Test
    void randomBytesNeverCrashTheLearner() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "|:  \n\n0123456789.-ab'shared\t\r";
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(400);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Run run = train(sb.toString());
            assertThat(run.rc()).as("input %s%n%s", sb, run.stderr()).isZero();
            assertThat(run.stderr()).contains("finished run");
        }
    }
}
