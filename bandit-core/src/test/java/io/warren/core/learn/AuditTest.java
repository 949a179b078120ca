package io.warren.core.learn;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.driver.TrainRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feature hashing, namespaces, interactions and weights shown through VW's own --audit and
 * --invert_hash conventions: Warren's output must equal what VW 9.11 printed for the same data
 * (fixtures in resources vw-audit/, see its README).
 */
class AuditTest {
    @TempDir
    Path work;

    private Path copy(String name) throws IOException {
        Path target = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/vw-audit/" + name)) {
            Files.copy(in, target);
        }
        return target;
    }

    private String expected(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/vw-audit/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), work).run(List.of(args));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void auditOfTrainingMatchesVwLineForLine() throws IOException {
        copy("cb_adf_2events.txt");
        String audit = run("--cb_explore_adf", "-q", "sa", "--power_t", "0", "-l", "0.1", "-d", "cb_adf_2events.txt",
                "--audit", "--quiet", "--invert_hash", "inverted.txt");
        assertThat(audit).isEqualTo(expected("cb_adf_2events.audit"));
    }

    @Test
    void invertHashNamesEveryWeightAsVwDoes() throws IOException {
        copy("cb_adf_2events.txt");
        run("--cb_explore_adf", "-q", "sa", "--power_t", "0", "-l", "0.1", "-d", "cb_adf_2events.txt", "--quiet",
                "--invert_hash", "inverted.txt");
        List<String> ours = weightLines(Files.readString(work.resolve("inverted.txt")));
        List<String> vws = weightLines(expected("cb_adf_2events.invert_hash"));
        assertThat(ours).hasSizeGreaterThan(100).isEqualTo(vws);
    }

    @Test
    void namespacesStringsAndAnonymousFeaturesAreNamedAndHashedAsVwDoes() throws IOException {
        copy("names.txt");
        String audit = run("--cb_explore_adf", "-q", "sa", "-q", "ab", "--cubic", "sab", "-d", "names.txt", "--audit",
                "--quiet");
        assertThat(audit).isEqualTo(expected("names.audit"));
    }

    /** The weight lines (name:slot:values), which follow VW's header in its readable model. */
    private static List<String> weightLines(String model) {
        List<String> out = new ArrayList<>();
        for (String line : model.lines().toList()) {
            if (line.matches("^[^ ]*\\^[^ ]*:\\d+:.*") || line.matches("^Constant:\\d+:.*")) {
                out.add(line);
            }
        }
        return out;
    }
}
