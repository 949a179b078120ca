package io.warren.core.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Writes simulated events as logged bandit data under a uniform logging policy, in VW's cb_adf text
 * format or as decision-service JSON (the shape Warren's join writes to {@code <loop>.joined}).
 * Costs are negated rewards, as Personalizer logs them.
 */
public final class LoggedDataWriter {
    public enum Format { TEXT, DSJSON }

    private final SimulatedProduct product;
    private final Format format;
    private final StringBuilder line = new StringBuilder(2048);
    private double sumLoggedReward;
    private double sumOptimal;
    private double sumRandom;
    private long events;

    public LoggedDataWriter(SimulatedProduct product, Format format) {
        this.product = product;
        this.format = format;
    }

    public void write(Writer out, long count) throws IOException {
        int k = product.config().actions();
        double p = 1.0 / k;
        for (long n = 0; n < count; n++) {
            SimulatedProduct.Event e = product.next();
            int logged = (int) Math.min(k - 1, Math.floor(product.uniform() * k));
            double reward = product.reward(e, logged);
            sumLoggedReward += reward;
            sumOptimal += e.expectedReward[e.bestAction()];
            sumRandom += e.meanReward();
            events++;
            line.setLength(0);
            if (format == Format.TEXT) {
                text(e, logged, -reward, p);
            } else {
                dsjson(e, logged, -reward, p, n);
            }
            out.write(line.toString());
        }
    }

    private void text(SimulatedProduct.Event e, int logged, double cost, double p) {
        line.append("shared |s");
        for (int i = 0; i < e.context.length; i++) {
            line.append(" u").append(i).append(':').append(num(e.context[i]));
        }
        line.append('\n');
        for (int j = 0; j < e.actionFeatures.length; j++) {
            if (j == logged) {
                line.append(j).append(':').append(num(cost)).append(':').append(num(p)).append(' ');
            }
            line.append("|a");
            double[] x = e.actionFeatures[j];
            for (int c = 0; c < x.length; c++) {
                line.append(" f").append(c).append(':').append(num(x[c]));
            }
            line.append('\n');
        }
        line.append('\n');
    }

    private void dsjson(SimulatedProduct.Event e, int logged, double cost, double p, long id) {
        int k = e.actionFeatures.length;
        line.append("{\"_label_cost\":").append(num(cost))
                .append(",\"_label_probability\":").append(num(p))
                .append(",\"_label_Action\":").append(logged + 1)
                .append(",\"_labelIndex\":").append(logged)
                .append(",\"o\":[{\"v\":").append(num(-cost)).append("}]")
                .append(",\"Timestamp\":\"2026-01-01T00:00:00.000Z\",\"Version\":\"1\"")
                .append(",\"EventId\":\"sim-").append(id).append('"')
                .append(",\"a\":[").append(logged + 1);
        for (int j = 0; j < k; j++) {
            if (j != logged) {
                line.append(',').append(j + 1);
            }
        }
        line.append("],\"c\":{\"s\":{");
        for (int i = 0; i < e.context.length; i++) {
            line.append(i == 0 ? "" : ",").append("\"u").append(i).append("\":").append(num(e.context[i]));
        }
        line.append("},\"_multi\":[");
        for (int j = 0; j < k; j++) {
            line.append(j == 0 ? "" : ",").append("{\"a\":{");
            double[] x = e.actionFeatures[j];
            for (int c = 0; c < x.length; c++) {
                line.append(c == 0 ? "" : ",").append("\"f").append(c).append("\":").append(num(x[c]));
            }
            line.append("}}");
        }
        line.append("]},\"p\":[");
        for (int j = 0; j < k; j++) {
            line.append(j == 0 ? "" : ",").append(num(p));
        }
        line.append("],\"VWState\":{\"m\":\"sim\"}}\n");
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Expected reward per event of the optimal policy, of uniform random choice, and what was logged. */
    public Summary summary() {
        return new Summary(events, sumOptimal / events, sumRandom / events, sumLoggedReward / events);
    }

    public record Summary(long events, double optimalExpectedReward, double randomExpectedReward,
                          double loggedMeanReward) {
        public String toJson() {
            return String.format(Locale.ROOT,
                    "{\"events\":%d,\"optimal_policy_expected_reward\":%.6f,\"random_policy_expected_reward\":%.6f,"
                            + "\"logged_mean_reward\":%.6f}", events, optimalExpectedReward, randomExpectedReward,
                    loggedMeanReward);
        }
    }
}
