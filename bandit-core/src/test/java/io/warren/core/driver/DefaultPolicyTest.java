package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import io.warren.core.sim.LoggedDataWriter;
import io.warren.core.sim.SimulatedProduct;
import io.warren.core.sim.SimulationConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personalizer's default learning policy ({@code --cb_explore_adf --epsilon 0.2 --power_t 0 -l 0.001
 * --cb_type mtr -q ::}) on drifting simulated data: Warren's predictions and progress table must be
 * exactly VW 9.11's (resources vw-default-policy/, see its README), from text and from DSJSON.
 */
class DefaultPolicyTest {
    @TempDir
    Path work;

    private String resource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/vw-default-policy/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sim500.txt", "sim500.json"})
    void matchesVwExactly(String data) throws IOException {
        LoggedDataWriter.Format format = data.endsWith(".json") ? LoggedDataWriter.Format.DSJSON
                : LoggedDataWriter.Format.TEXT;
        try (Writer out = Files.newBufferedWriter(work.resolve(data))) {
            new LoggedDataWriter(new SimulatedProduct(new SimulationConfig(10, 20, 10, 0.1, 0.1, 100, false, 11)),
                    format).write(out, 500);
        }
        List<String> args = new ArrayList<>(List.of("--cb_explore_adf", "--epsilon", "0.2", "--power_t", "0", "-l",
                "0.001", "--cb_type", "mtr", "-q", "::", "-d", data, "-p", "out.predict"));
        if (data.endsWith(".json")) {
            args.add("--dsjson");
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work).run(args);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).as(stderr).isZero();
        assertThat(Files.readString(work.resolve("out.predict"))).isEqualTo(resource(data + ".predict"));
        assertThat(table(stderr)).isEqualTo(table(resource(data + ".stderr")));
    }

    /** From the table header to the end: the rows and the summary. */
    private static String table(String stderr) {
        return stderr.substring(stderr.indexOf("average  since"));
    }
}
