package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --ccb_explore_adf} against VW 9.11 (resources {@code vw-ccb/}, see its README): each case of
 * {@code cases.tsv} runs through {@link TrainRun} as written, in file order in one working directory
 * (the model cases load the models earlier ones save). Warren must print VW's progress table and
 * summary (average loss included) exactly, its decision scores within 1e-3, and the warnings VW
 * prints on stdout.
 */
class CcbVwReferenceTest {
    private static final String ROOT = "/vw-ccb/";

    @TempDir
    static Path work;

    record Case(String name, String args) {}

    private static List<Case> cases() throws IOException {
        List<String> lines = new String(resourceBytes("cases.tsv"), StandardCharsets.UTF_8).lines().toList();
        List<Case> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t");
            out.add(new Case(cols[0], cols[1]));
        }
        return out;
    }

    private static byte[] resourceBytes(String name) throws IOException {
        try (InputStream in = CcbVwReferenceTest.class.getResourceAsStream(ROOT + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    private static String resourceText(String name) throws IOException {
        byte[] bytes = resourceBytes(name);
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    @TestFactory
    Stream<DynamicTest> reproducesVwOnCcbData() throws IOException {
        Files.createDirectories(work.resolve("models"));
        Files.createDirectories(work.resolve("data"));
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.args(), () -> run(c)));
    }

    private static void run(Case c) throws IOException {
        List<String> argv = List.of(c.args().split(" "));
        for (String arg : argv) {
            Path target = work.resolve(arg);
            if (arg.startsWith("data/") && !Files.exists(target)) {
                Files.write(target, resourceBytes(arg));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work).run(argv);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as("exit code; stderr:%n%s", stderr).isZero();

        String expectedStderr = resourceText("ref/" + c.name() + ".stderr");
        assertThat(tableAndSummary(stderr)).as("table and summary; stderr:%n%s", stderr)
                .containsExactlyElementsOf(tableAndSummary(expectedStderr));
        assertThat(warnings(out.toString(StandardCharsets.UTF_8)))
                .isEqualTo(warnings(resourceText("ref/" + c.name() + ".stdout")));
        String expectedPredictions = resourceText("ref/" + c.name() + ".predict");
        if (!expectedPredictions.isEmpty()) {
            VwReferenceTest.assertSameNumbers(Files.readString(work.resolve(c.name() + ".predict")),
                    expectedPredictions, c.name() + ".predict");
        }
    }

    /** From the table header to the end of the summary. */
    private static List<String> tableAndSummary(String stderr) {
        List<String> lines = stderr.lines().toList();
        int from = 0;
        while (from < lines.size() && !lines.get(from).startsWith("average  since")) {
            from++;
        }
        return lines.subList(from, lines.size());
    }

    private static List<String> warnings(String stdout) {
        return stdout.lines().filter(l -> l.startsWith("[warning]")).toList();
    }
}
