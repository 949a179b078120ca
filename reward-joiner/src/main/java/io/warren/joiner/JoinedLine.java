package io.warren.joiner;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Writes the joined DSJSON line of an event from its state, splicing the raw decision text (no JSON tree,
 * no re-serialisation of the context). Layouts, as Personalizer logged them and VW's {@code --dsjson}
 * reader trains on:
 * <pre>
 * single slot: {"_label_cost":-r,"_label_probability":p[0],"_label_Action":a[0],"_labelIndex":a[0]-1,
 *               "o":[outcomes],&lt;the decision's fields&gt;[,"_skipLearn":true]}
 * multi-slot:  {["o":[activations],]&lt;the decision's fields, each _outcomes entry now
 *               {"_label_cost":-r,&lt;its own fields&gt;,"_o":[slot rewards],"_original_label_cost":-r}&gt;
 *               [,"_skipLearn":true]}
 * </pre>
 * An outcome is {@code {"v":0.5,"EventId":"e1","ActionTaken":false}} for a reward (with
 * {@code "Index":"slot"} after the event id in a slot's {@code _o}) and
 * {@code {"EventId":"e1","ActionTaken":true}} for an activation; outcomes are in arrival order.
 */
final class JoinedLine {
    private JoinedLine() {}

    /**
     * @param rewards the reward of each slot (one for a single-slot decision), already aggregated or
     *                defaulted
     */
    static String write(JoinState s, float[] rewards, boolean skipLearn) {
        Decision d = s.decision;
        byte[] json = d.json;
        Utf8Line b = new Utf8Line(json.length + 96 + 64 * s.outcomes.size());
        byte[] eventId = JsonStringEncoder.getInstance().quoteAsUTF8(s.eventId);
        b.ascii("{");
        if (d.multiSlot()) {
            if (hasActivation(s.outcomes)) {
                b.ascii("\"o\":[");
                outcomes(b, s.outcomes, eventId, o -> o.activation, null);
                b.ascii("],");
            }
            b.bytes(json, d.bodyStart, d.outcomesStart).ascii("[");
            for (int i = 0; i < d.slotIds.length; i++) {
                String cost = Float.toString(-rewards[i]);
                b.ascii(i == 0 ? "" : ",").ascii("{\"_label_cost\":").ascii(cost).ascii(",")
                        .bytes(json, d.slotStart[i] + 1, d.slotEnd[i]).ascii(",\"_o\":[");
                String slot = d.slotIds[i];
                outcomes(b, s.outcomes, eventId, o -> !o.activation && slot.equals(o.slotId), slot);
                b.ascii("],\"_original_label_cost\":").ascii(cost).ascii("}");
            }
            b.ascii("]").bytes(json, d.outcomesEnd, d.bodyEnd);
        } else {
            b.ascii("\"_label_cost\":").ascii(Float.toString(-rewards[0]))
                    .ascii(",\"_label_probability\":").ascii(Float.toString(d.firstProbability))
                    .ascii(",\"_label_Action\":").ascii(Integer.toString(d.firstAction))
                    .ascii(",\"_labelIndex\":").ascii(Integer.toString(d.firstAction - 1))
                    .ascii(",\"o\":[");
            outcomes(b, s.outcomes, eventId, o -> true, null);
            b.ascii("],").bytes(json, d.bodyStart, d.bodyEnd);
        }
        if (skipLearn) {
            b.ascii(",\"_skipLearn\":true");
        }
        return b.ascii("}").toString();
    }

    /** Appends the chosen outcomes, comma-separated; {@code index} (a slot id) is written when not null. */
    private static void outcomes(Utf8Line b, List<Outcome> all, byte[] eventId, Predicate<Outcome> which,
                                 String index) {
        boolean first = true;
        for (Outcome o : all) {
            if (!which.test(o)) {
                continue;
            }
            b.ascii(first ? "{" : ",{");
            first = false;
            if (!o.activation) {
                b.ascii("\"v\":").ascii(Float.toString(o.value)).ascii(",");
            }
            b.ascii("\"EventId\":\"").bytes(eventId, 0, eventId.length).ascii("\"");
            if (index != null) {
                byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(index);
                b.ascii(",\"Index\":\"").bytes(quoted, 0, quoted.length).ascii("\"");
            }
            b.ascii(",\"ActionTaken\":").ascii(Boolean.toString(o.activation)).ascii("}");
        }
    }

    /** The line being written, as UTF-8: the decision's bytes copied as they are, the rest ASCII. */
    private static final class Utf8Line {
        private byte[] buf;
        private int size;

        Utf8Line(int capacity) {
            buf = new byte[capacity];
        }

        /** Appends text of ASCII characters only (names, numbers, punctuation). */
        Utf8Line ascii(String text) {
            int n = text.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[size++] = (byte) text.charAt(i);
            }
            return this;
        }

        Utf8Line bytes(byte[] from, int start, int end) {
            ensure(end - start);
            System.arraycopy(from, start, buf, size, end - start);
            size += end - start;
            return this;
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        @Override
        public String toString() {
            return new String(buf, 0, size, StandardCharsets.UTF_8);
        }
    }

    private static boolean hasActivation(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            if (o.activation) {
                return true;
            }
        }
        return false;
    }
}
