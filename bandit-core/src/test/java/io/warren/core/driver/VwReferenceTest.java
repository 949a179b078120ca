package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * VW's own contextual-bandit regression cases (shared/vw-reference/TESTS.tsv): each command line runs
 * through {@link TrainRun} exactly as given, and the average loss and every prediction file must match
 * VW's reference output within 1e-3 (absolute, or relative above 1), the tolerance VW's CI uses.
 * Cases run in id order in one working directory, because 250 loads the model 249 writes.
 */
class VwReferenceTest {
    private static final double TOLERANCE = 1e-3;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(?:\\d+\\.\\d*|\\.\\d+|\\d+)(?:[eE][-+]?\\d+)?|[-+]?(?:inf|nan)");
    /** Reductions still being built; each is removed from this list when its reduction lands. */
    private static final Set<String> PENDING = Set.of();

    @TempDir
    static Path work;

    static Path reference() {
        return Path.of(System.getProperty("warren.shared", "../../shared")).resolve("vw-reference").toAbsolutePath();
    }

    record Case(String id, String args, List<String[]> refFiles, String refLoss) {}

    static List<Case> cases() throws IOException {
        List<String> lines = Files.readAllLines(reference().resolve("TESTS.tsv"));
        List<Case> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cols = line.split("\t", -1);
            List<String[]> refs = new ArrayList<>();
            for (String pair : cols[3].split(";")) {
                if (!pair.isEmpty()) {
                    refs.add(pair.split("=", 2));
                }
            }
            out.add(new Case(cols[0], cols[1], refs, cols[4]));
        }
        out.sort(Comparator.comparingInt(c -> Integer.parseInt(c.id())));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> matchesVwReferenceOutputs() throws IOException {
        Files.createDirectories(work.resolve("models"));
        Path data = work.resolve("data");
        if (!Files.exists(data)) {
            Files.createSymbolicLink(data, reference().resolve("data"));
        }
        return cases().stream().map(c -> DynamicTest.dynamicTest("vw case " + c.id() + ": " + c.args(), () -> runCase(c)));
    }

    private void runCase(Case c) throws IOException {
        Assumptions.assumeFalse(PENDING.contains(c.id()), "reduction for case " + c.id() + " not implemented yet");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(stderr, true, StandardCharsets.UTF_8), work).run(List.of(c.args().split(" ")));
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertThat(rc).as("exit code; stderr:%n%s", err).isZero();
        Matcher m = Pattern.compile("(?m)^average loss = (\\S+)").matcher(err);
        assertThat(m.find()).as("average loss line in:%n%s", err).isTrue();
        assertClose(Double.parseDouble(m.group(1)), Double.parseDouble(c.refLoss()), "average loss");
        for (String[] ref : c.refFiles()) {
            if (ref[0].equals("stderr")) {
                continue;
            }
            String actual = Files.readString(work.resolve(ref[0]));
            String expected = Files.readString(reference().resolve(ref[1]));
            assertSameNumbers(actual, expected, ref[0]);
        }
    }

    private static void assertClose(double actual, double expected, String what) {
        boolean close = Math.abs(actual - expected) < TOLERANCE
                || (Math.abs(expected) > 1.0 && Math.abs(actual / expected - 1.0) < TOLERANCE);
        assertThat(close).as("%s: %s vs VW's %s", what, actual, expected).isTrue();
    }

    /** Line by line: the same text around the numbers, and each number within the tolerance. */
    static void assertSameNumbers(String actual, String expected, String file) {
        List<String> a = trimTrailingBlank(actual.lines().map(String::stripTrailing).toList());
        List<String> e = trimTrailingBlank(expected.lines().map(String::stripTrailing).toList());
        assertThat(a).as("%s line count", file).hasSameSizeAs(e);
        for (int i = 0; i < e.size(); i++) {
            String la = a.get(i);
            String le = e.get(i);
            assertThat(NUMBER.matcher(la).replaceAll("#")).as("%s line %d: '%s' vs '%s'", file, i + 1, la, le)
                    .isEqualTo(NUMBER.matcher(le).replaceAll("#"));
            Matcher ma = NUMBER.matcher(la);
            Matcher me = NUMBER.matcher(le);
            while (me.find()) {
                assertThat(ma.find()).isTrue();
                assertClose(Double.parseDouble(ma.group()), Double.parseDouble(me.group()),
                        file + " line " + (i + 1) + " ('" + la + "' vs '" + le + "')");
            }
        }
    }

    private static List<String> trimTrailingBlank(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
