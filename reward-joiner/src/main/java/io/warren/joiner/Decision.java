package io.warren.joiner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision as the join keeps it: its raw text and what the joined line needs from it, read in one
 * streaming pass when it arrives. The joined line is spliced from the raw text, so the decision's fields
 * reach the output unchanged; for that the positions (char offsets into {@link #json}) of the object's
 * body and, for a multi-slot decision, of the {@code _outcomes} array and its entries are kept.
 * A Flink POJO.
 *
 * <pre>
 * single slot: {"EventId":...,"a":[2,1,3],"p":[0.8,0.1,0.1],...,"DeferredAction":false,...}
 *               ^bodyStart                                                             ^bodyEnd
 * multi-slot:  {...,"_outcomes":[{"_id":"s1","_a":[3,1],"_p":[0.7,0.3]},{...}],...}
 *                               ^outcomesStart         slotEnd[0]^           ^outcomesEnd (exclusive)
 *                               (slotStart[0] = the '{' right after it)
 * </pre>
 */
public class Decision {
    /** The decision's text; null while the event is in state, which holds {@link #utf8} instead. */
    public String json;
    /**
     * The text as UTF-8 while in state: Flink writes a byte array in one copy but a string a character at
     * a time. Null otherwise, and in state written before Warren kept it here (see RewardJoinFunction).
     */
    public byte[] utf8;
    public int bodyStart;
    public int bodyEnd;
    public boolean deferred;
    /** Single slot: {@code a[0]}, the chosen action, 1-based. */
    public int firstAction;
    /** Single slot: {@code p[0]}, the chosen action's probability. */
    public float firstProbability;
    /** Multi-slot: the {@code _outcomes} entries' {@code _id}s in order; null for a single-slot decision. */
    public String[] slotIds;
    public int outcomesStart;
    public int outcomesEnd;
    public int[] slotStart;
    public int[] slotEnd;

    public Decision() {}

    public boolean multiSlot() {
        return slotIds != null;
    }

    /** The index of the slot with this id, or -1 (also for a null id). */
    public int slotIndex(String slotId) {
        if (slotId != null) {
            for (int i = 0; i < slotIds.length; i++) {
                if (slotIds[i].equals(slotId)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Reads a decision record: {@code a} and {@code p} (their first elements), {@code DeferredAction}, and
     * when present the multi-slot {@code _outcomes} array (each entry needs an {@code _id}).
     *
     * @throws InvalidRecordException when it is not a JSON object, a single-slot decision lacks a non-empty
     *                                {@code a} (1-based) or {@code p}, or slot ids are missing or repeated
     */
    static Decision parse(String json) {
        Decision d = new Decision();
        d.json = json;
        boolean hasAction = false;
        boolean hasProbability = false;
        try (JsonParser p = JoinInput.JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("decision is not a JSON object");
            }
            d.bodyStart = offset(p) + 1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "a" -> {
                        if (firstElement(p, token, field)) {
                            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 1) {
                                throw new InvalidRecordException("a must hold 1-based action indices");
                            }
                            d.firstAction = p.getIntValue();
                            hasAction = true;
                            skipRest(p);
                        }
                    }
                    case "p" -> {
                        if (firstElement(p, token, field)) {
                            if (!p.currentToken().isNumeric()) {
                                throw new InvalidRecordException("p must hold probabilities");
                            }
                            d.firstProbability = p.getFloatValue();
                            hasProbability = true;
                            skipRest(p);
                        }
                    }
                    case "DeferredAction" -> d.deferred = token == JsonToken.VALUE_TRUE;
                    case "_outcomes" -> readOutcomes(p, token, d);
                    default -> p.skipChildren();
                }
            }
            d.bodyEnd = offset(p);
        } catch (JsonProcessingException e) {
            throw new InvalidRecordException("decision is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!d.multiSlot() && !(hasAction && hasProbability)) {
            throw new InvalidRecordException("a single-slot decision needs non-empty a and p");
        }
        return d;
    }

    private static void readOutcomes(JsonParser p, JsonToken token, Decision d) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw new InvalidRecordException("_outcomes must be an array");
        }
        d.outcomesStart = offset(p);
        List<String> ids = new ArrayList<>();
        List<int[]> bounds = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            int start = offset(p);
            String id = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("_id")) {
                    id = RecordFields.text(p, t, "_outcomes[]._id");
                } else {
                    p.skipChildren();
                }
            }
            if (id == null) {
                throw new InvalidRecordException("every _outcomes entry needs an _id (slot " + ids.size() + ")");
            }
            if (ids.contains(id)) {
                throw new InvalidRecordException("slot id '" + id + "' appears twice in _outcomes");
            }
            ids.add(id);
            bounds.add(new int[] {start, offset(p)});
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
            throw new InvalidRecordException("_outcomes must be an array of objects");
        }
        if (ids.isEmpty()) {
            throw new InvalidRecordException("_outcomes is empty");
        }
        d.outcomesEnd = offset(p) + 1;
        d.slotIds = ids.toArray(String[]::new);
        d.slotStart = new int[ids.size()];
        d.slotEnd = new int[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            d.slotStart[i] = bounds.get(i)[0];
            d.slotEnd[i] = bounds.get(i)[1];
        }
    }

    /** Moves to the first element of an array value; false (and the array skipped) when it is empty. */
    private static boolean firstElement(JsonParser p, JsonToken token, String field) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            throw new InvalidRecordException(field + " must be an array");
        }
        return p.nextToken() != JsonToken.END_ARRAY;
    }

    private static void skipRest(JsonParser p) throws IOException {
        while (p.nextToken() != JsonToken.END_ARRAY) {
            p.skipChildren();
        }
    }

    private static int offset(JsonParser p) {
        return (int) p.currentTokenLocation().getCharOffset();
    }
}
