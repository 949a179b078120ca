package io.warren.core.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SimulatedProductTest {
    private static String generate(SimulationConfig config, LoggedDataWriter.Format format, long events)
            throws IOException {
        StringWriter out = new StringWriter();
        new LoggedDataWriter(new SimulatedProduct(config), format).write(out, events);
        return out.toString();
    }

    @Test
    void sameSeedGivesSameData() throws IOException {
        SimulationConfig config = SimulationConfig.defaults();
        assertThat(generate(config, LoggedDataWriter.Format.TEXT, 50))
                .isEqualTo(generate(config, LoggedDataWriter.Format.TEXT, 50));
    }

    @Test
    void optimalPolicyBeatsRandomByAWideMargin() throws IOException {
        LoggedDataWriter writer = new LoggedDataWriter(new SimulatedProduct(SimulationConfig.defaults()),
                LoggedDataWriter.Format.TEXT);
        writer.write(new StringWriter(), 2000);
        LoggedDataWriter.Summary s = writer.summary();
        assertThat(s.optimalExpectedReward()).isGreaterThan(s.randomExpectedReward() + 0.2);
        assertThat(s.loggedMeanReward()).isCloseTo(s.randomExpectedReward(), org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void textHasOneLabelledLinePerEvent() throws IOException {
        String text = generate(SimulationConfig.defaults(), LoggedDataWriter.Format.TEXT, 20);
        String[] events = text.split("\n\n");
        assertThat(events).hasSize(20);
        for (String event : events) {
            String[] lines = event.split("\n");
            assertThat(lines[0]).startsWith("shared |s ");
            assertThat(lines).hasSize(11);
            assertThat(java.util.Arrays.stream(lines).filter(l -> l.matches("^\\d+:-?[\\d.]+:0\\.1 \\|a .*")).count())
                    .isEqualTo(1);
        }
    }

    @Test
    void dsjsonLinesAreValidJsonWithTheLabelFields() throws IOException {
        String json = generate(SimulationConfig.defaults(), LoggedDataWriter.Format.DSJSON, 5);
        JsonFactory factory = new JsonFactory();
        for (String line : json.split("\n")) {
            int fields = 0;
            try (JsonParser p = factory.createParser(line)) {
                while (p.nextToken() != null) {
                    if (p.currentToken() == JsonToken.FIELD_NAME && p.getParsingContext().getParent().inRoot()) {
                        fields++;
                    }
                }
            }
            assertThat(line).contains("\"_label_cost\":", "\"_label_probability\":0.1", "\"_multi\":[", "\"EventId\":\"sim-");
            assertThat(fields).isGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void driftChangesTheBestActions() {
        SimulationConfig steady = SimulationConfig.defaults();
        SimulationConfig drifting = new SimulationConfig(10, 20, 10, 0.1, 1.0, 100, false, 1);
        SimulatedProduct a = new SimulatedProduct(steady);
        SimulatedProduct b = new SimulatedProduct(drifting);
        int differ = 0;
        for (int i = 0; i < 400; i++) {
            SimulatedProduct.Event ea = a.next();
            SimulatedProduct.Event eb = b.next();
            if (i >= 100 && ea.bestAction() != eb.bestAction()) {
                differ++;
            }
        }
        assertThat(differ).isGreaterThan(50);
    }
}
