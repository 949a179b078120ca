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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VW 9.11's own DSJSON regression cases (resources {@code vw-dsjson/}, see its README): the progress
 * table (with its feature counts), the summary and the predictions must match VW's reference outputs.
 */
class DsJsonVwReferenceTest {
    @TempDir
    Path work;

    private Path resource(String name) throws IOException {
        Path target = work.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = getClass().getResourceAsStream("/vw-dsjson/" + name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            Files.copy(in, target);
        }
        return target;
    }

    /** The table and summary, without Warren's own notes on skipped lines. */
    private static List<String> tableAndSummary(String stderr) {
        List<String> out = new ArrayList<>();
        boolean inTable = false;
        for (String line : stderr.lines().toList()) {
            if (line.startsWith("average  since")) {
                inTable = true;
            }
            if (!inTable || line.startsWith("warning:") || line.startsWith("malformed lines skipped")) {
                continue;
            }
            out.add(line);
        }
        return out;
    }

    @ParameterizedTest(name = "vw case {0}")
    @CsvSource(delimiter = '|', textBlock = """
            156 | decisionservice.json | --cb_explore_adf --epsilon 0.2 --quadratic GT -P 1 | cbe_adf_dsjson
            235 | decisionservice.json | --chain_hash --cb_explore_adf --epsilon 0.2 --quadratic GT -P 1 | cbe_adf_dsjson_chain_hash
            304 | cb_features_w_zero_vals.dsjson | --cb_explore_adf | cb_zero_feature_vals_dsjson
            327 | cb_simple_pdrop1.json | --cb_explore_adf | cb_simple_pdrop1
            176 | no_shared_features.json | --chain_hash --cb_adf | no_shared_features
            187 | b1848_dsjson_parser_regression.txt | --chain_hash --cb_explore_adf -P 1 | b1848_dsjson_parser_regression
            """)
    void matchesVwOnItsDsjsonCases(String id, String data, String args, String ref) throws IOException {
        resource("data/" + data);
        Path expectedStderr = resource("ref/" + ref + ".stderr");
        boolean hasPredictions = getClass().getResource("/vw-dsjson/ref/" + ref + ".predict") != null;
        List<String> argv = new ArrayList<>(List.of("--dsjson", "-d", "data/" + data));
        argv.addAll(List.of(args.split(" ")));
        if (hasPredictions) {
            argv.addAll(List.of("-p", ref + ".predict"));
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work).run(argv);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(stderr).isZero();
        assertThat(tableAndSummary(stderr)).as("case %s stderr:%n%s", id, stderr)
                .containsExactlyElementsOf(tableAndSummary(Files.readString(expectedStderr)));
        if (hasPredictions) {
            VwReferenceTest.assertSameNumbers(Files.readString(work.resolve(ref + ".predict")),
                    Files.readString(resource("ref/" + ref + ".predict")), ref + ".predict");
        }
    }
}
