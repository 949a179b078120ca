package io.warren.joiner;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
        String json = d.json;
        StringBuilder b = new StringBuilder(json.length() + 96 + 64 * s.outcomes.size());
        char[] eventId = JsonStringEncoder.getInstance().quoteAsString(s.eventId);
        b.append('{');
        if (d.multiSlot()) {
            if (hasActivation(s.outcomes)) {
                b.append("\"o\":[");
                outcomes(b, s.outcomes, eventId, o -> o.activation, null);
                b.append("],");
            }
            b.append(json, d.bodyStart, d.outcomesStart).append('[');
            for (int i = 0; i < d.slotIds.length; i++) {
                float cost = -rewards[i];
                b.append(i == 0 ? "" : ",").append("{\"_label_cost\":").append(cost).append(',')
                        .append(json, d.slotStart[i] + 1, d.slotEnd[i]).append(",\"_o\":[");
                String slot = d.slotIds[i];
                outcomes(b, s.outcomes, eventId, o -> !o.activation && slot.equals(o.slotId), slot);
                b.append("],\"_original_label_cost\":").append(cost).append('}');
            }
            b.append(']').append(json, d.outcomesEnd, d.bodyEnd);
        } else {
            b.append("\"_label_cost\":").append(-rewards[0])
                    .append(",\"_label_probability\":").append(d.firstProbability)
                    .append(",\"_label_Action\":").append(d.firstAction)
                    .append(",\"_labelIndex\":").append(d.firstAction - 1)
                    .append(",\"o\":[");
            outcomes(b, s.outcomes, eventId, o -> true, null);
            b.append("],").append(json, d.bodyStart, d.bodyEnd);
        }
        if (skipLearn) {
            b.append(",\"_skipLearn\":true");
        }
        return b.append('}').toString();
    }

    /** Appends the chosen outcomes, comma-separated; {@code index} (a slot id) is written when not null. */
    private static void outcomes(StringBuilder b, List<Outcome> all, char[] eventId, Predicate<Outcome> which,
                                 String index) {
        boolean first = true;
        for (Outcome o : all) {
            if (!which.test(o)) {
                continue;
            }
            b.append(first ? "{" : ",{");
            first = false;
            if (!o.activation) {
                b.append("\"v\":").append(o.value).append(',');
            }
            b.append("\"EventId\":\"").append(eventId).append('"');
            if (index != null) {
                b.append(",\"Index\":\"").append(JsonStringEncoder.getInstance().quoteAsString(index)).append('"');
            }
            b.append(",\"ActionTaken\":").append(o.activation).append('}');
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
