package io.warren.core.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warren train --dsjson} learns exactly what it learns from the same events written in VW's
 * text format: the progress table, summary and predictions agree line for line.
 */
class DsJsonTrainTest {
    @TempDir
    Path work;

    private record Run(int rc, String stderr, String predictions) {}

    private Run train(String data, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("--cb_explore_adf", "--epsilon", "0.2", "-q", "::",
                "--power_t", "0", "-l", "0.01", "-d", data, "-p", data + ".pred"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new TrainRun(new PrintStream(err, true, StandardCharsets.UTF_8), work).run(args);
        Path pred = work.resolve(data + ".pred");
        return new Run(rc, err.toString(StandardCharsets.UTF_8), Files.exists(pred) ? Files.readString(pred) : "");
    }

    /** Writes {@code n} random events as DSJSON (with --chain_hash semantics) and as VW text. */
    private void writeEvents(int n, long seed, List<String> json, List<String> text) {
        Random r = new Random(seed);
        String[] cities = {"NY", "SF", "LA", "Paris"};
        for (int e = 0; e < n; e++) {
            int actions = 2 + r.nextInt(3);
            int chosen = r.nextInt(actions);
            float cost = -r.nextInt(2);
            float prob = 0.25f * (1 + r.nextInt(4));
            int age = 18 + r.nextInt(50);
            String city = cities[r.nextInt(cities.length)];
            boolean vip = r.nextBoolean();
            StringBuilder j = new StringBuilder();
            j.append("{\"_label_cost\":").append((int) cost).append(",\"_label_probability\":").append(prob)
                    .append(",\"_label_Action\":").append(chosen + 1).append(",\"_labelIndex\":").append(chosen)
                    .append(",\"o\":[{\"v\":1}],\"Timestamp\":\"2024-01-01T00:00:00Z\",\"Version\":\"1\",")
                    .append("\"EventId\":\"e").append(e).append("\",\"a\":[");
            for (int a = 0; a < actions; a++) {
                j.append(a == 0 ? "" : ",").append(a + 1);
            }
            j.append("],\"c\":{\"User\":{\"age\":").append(age).append(",\"city\":\"").append(city).append('"');
            if (vip) {
                j.append(",\"vip\":true");
            }
            j.append("},\"hour\":").append(r.nextInt(24) + 1).append(",\"_multi\":[");
            text.add("shared |User age:" + age + " city:" + city + (vip ? " vip" : "") + " | hour:"
                    + j.substring(j.lastIndexOf("\"hour\":") + 7, j.lastIndexOf(",\"_multi\"")));
            for (int a = 0; a < actions; a++) {
                int price = 1 + r.nextInt(9);
                j.append(a == 0 ? "" : ",").append("{\"Action\":{\"id\":\"a").append(a).append("\",\"price\":")
                        .append(price).append("}}");
                String label = a == chosen ? (chosen + 1) + ":" + (int) cost + ":" + prob + " " : "";
                text.add(label + "|Action id:a" + a + " price:" + price);
            }
            j.append("]},\"p\":[");
            for (int a = 0; a < actions; a++) {
                j.append(a == 0 ? "" : ",").append(1f / actions);
            }
            j.append("],\"VWState\":{\"m\":\"x/y\"}}");
            json.add(j.toString());
            text.add("");
        }
    }

    private static String withoutDataFileLines(String stderr) {
        StringBuilder sb = new StringBuilder();
        for (String line : stderr.lines().toList()) {
            if (!line.startsWith("Reading datafile") && !line.startsWith("predictions =")
                    && !line.startsWith("warning:") && !line.startsWith("malformed lines")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void dsjsonTrainsLikeTheSameEventsInTextFormat() throws IOException {
        List<String> json = new ArrayList<>();
        List<String> text = new ArrayList<>();
        writeEvents(200, 7, json, text);
        Files.write(work.resolve("events.json"), json);
        Files.write(work.resolve("events.txt"), text);
        Run fromText = train("events.txt");
        Run fromJson = train("events.json", "--dsjson", "--chain_hash");
        assertThat(fromText.rc()).as(fromText.stderr()).isZero();
        assertThat(fromJson.rc()).as(fromJson.stderr()).isZero();
        assertThat(fromJson.stderr()).contains("number of examples = 200");
        assertThat(fromJson.predictions().lines().filter(l -> !l.isBlank()).count()).isEqualTo(200);
        assertThat(withoutDataFileLines(fromJson.stderr())).isEqualTo(withoutDataFileLines(fromText.stderr()));
        assertThat(fromJson.predictions()).isEqualTo(fromText.predictions());
    }

    @Test
    void malformedAndSkippedLinesAreLeftOutAndMalformedOnesReported() throws IOException {
        List<String> json = new ArrayList<>();
        List<String> text = new ArrayList<>();
        writeEvents(20, 11, json, text);
        List<String> noisy = new ArrayList<>(json);
        noisy.add(3, "{\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]");
        noisy.add(6, "{\"_skipLearn\":true," + json.get(4).substring(1));
        noisy.add(8, "not json at all");
        noisy.add(9, "{\"c\":{\"_multi\":[{\"f\":1},{\"f\":2}]}}");
        Files.write(work.resolve("clean.json"), json);
        Files.write(work.resolve("noisy.json"), noisy);
        Run clean = train("clean.json", "--dsjson", "--chain_hash");
        Run dirty = train("noisy.json", "--dsjson", "--chain_hash");
        assertThat(dirty.rc()).as(dirty.stderr()).isZero();
        assertThat(dirty.stderr()).contains("warning: noisy.json:4: JSON parser error");
        assertThat(dirty.stderr()).contains("malformed lines skipped = 1");
        assertThat(withoutDataFileLines(dirty.stderr())).isEqualTo(withoutDataFileLines(clean.stderr()));
        assertThat(dirty.predictions()).isEqualTo(clean.predictions());
    }

    @Test
    void strictStopsAtTheFirstMalformedLine() throws IOException {
        Files.writeString(work.resolve("bad.json"), "{\"a\":[1],\"c\":{\n");
        Run run = train("bad.json", "--dsjson", "--strict");
        assertThat(run.rc()).isEqualTo(2);
        assertThat(run.stderr()).contains("bad.json:1:");
    }
}
