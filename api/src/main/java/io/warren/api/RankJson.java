package io.warren.api;

import io.warren.core.parse.JsonCursor;
import io.warren.core.rank.JsonText;
import io.warren.core.rank.MultiSlotRequest;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.RankableAction;
import io.warren.core.rank.RawJson;
import io.warren.core.rank.Ranking;
import io.warren.core.rank.SlotRanking;
import io.warren.core.rank.SlotRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Personalizer's rank request and response bodies (the same in REST v1.0 and v1.1-preview.3). Feature
 * objects are kept as the bytes the caller sent ({@link RawJson}, slices of the body); they become VW
 * features later, as VW's JSON reader reads them. A body that is not such a request is a
 * {@link RankRequestException} naming the field.
 */
final class RankJson {
    private static final JsonCursor.Names REQUEST_FIELDS = JsonCursor.names("contextFeatures", "actions",
            "excludedActions", "slots", "eventId", "deferActivation");
    private static final JsonCursor.Names ACTION_FIELDS = JsonCursor.names("id", "features");
    private static final JsonCursor.Names SLOT_FIELDS = JsonCursor.names("id", "features", "excludedActions",
            "baselineAction");

    private RankJson() {}

    static RankRequest parse(byte[] body) {
        RequestFields f = read(body, false);
        return new RankRequest(f.context, f.actions, f.excluded, f.eventId, f.defer);
    }

    /** Personalizer's multi-slot rank request (REST v1.1-preview.3 {@code MultiSlotRankRequest}). */
    static MultiSlotRequest parseMultiSlot(byte[] body) {
        RequestFields f = read(body, true);
        if (f.slots == null) {
            throw new RankRequestException("slots is required");
        }
        return new MultiSlotRequest(f.context, f.actions, f.slots, f.eventId, f.defer);
    }

    /** The fields of a rank request: single-slot ones have {@code excludedActions}, multi-slot ones {@code slots}. */
    private static final class RequestFields {
        List<RawJson> context = List.of();
        List<RankableAction> actions;
        List<String> excluded = List.of();
        List<SlotRequest> slots;
        String eventId;
        boolean defer;
    }

    private static RequestFields read(byte[] body, boolean multiSlot) {
        try {
            return readFields(new JsonCursor(body), multiSlot);
        } catch (JsonCursor.SyntaxException e) {
            throw new RankRequestException("the request body is not valid JSON: " + e.getMessage());
        }
    }

    private static RequestFields readFields(JsonCursor in, boolean multiSlot) {
        if (in.peek() != '{') {
            throw new RankRequestException("the request body must be a JSON object");
        }
        in.expect('{');
        RequestFields f = new RequestFields();
        if (!in.consume('}')) {
            do {
                switch (in.member(REQUEST_FIELDS)) {
                    case 0 -> f.context = featureObjects(in, "contextFeatures", -1, "");
                    case 1 -> f.actions = actions(in);
                    case 2 -> {
                        if (multiSlot) {
                            in.skipValue();
                        } else {
                            f.excluded = strings(in, "excludedActions", -1, "");
                        }
                    }
                    case 3 -> {
                        if (multiSlot) {
                            f.slots = slots(in);
                        } else {
                            in.skipValue();
                        }
                    }
                    case 4 -> f.eventId = optionalString(in, "eventId", -1, "");
                    case 5 -> f.defer = optionalBoolean(in, "deferActivation");
                    default -> in.skipValue();
                }
            } while (in.more('}'));
        }
        in.expectEnd();
        if (f.actions == null) {
            throw new RankRequestException("actions is required");
        }
        return f;
    }

    private static List<SlotRequest> slots(JsonCursor in) {
        List<SlotRequest> slots = new ArrayList<>();
        if (!array(in, "slots", -1, "")) {
            return slots;
        }
        do {
            int s = slots.size();
            if (!in.consume('{')) {
                throw new RankRequestException("slots[" + s + "] must be an object");
            }
            String id = null;
            String baseline = null;
            List<RawJson> features = List.of();
            List<String> excluded = List.of();
            if (!in.consume('}')) {
                do {
                    switch (in.member(SLOT_FIELDS)) {
                        case 0 -> id = optionalString(in, "slots", s, ".id");
                        case 1 -> features = featureObjects(in, "slots", s, ".features");
                        case 2 -> excluded = strings(in, "slots", s, ".excludedActions");
                        case 3 -> baseline = optionalString(in, "slots", s, ".baselineAction");
                        default -> in.skipValue();
                    }
                } while (in.more('}'));
            }
            if (id == null) {
                throw new RankRequestException("slots[" + s + "].id is required");
            }
            slots.add(new SlotRequest(id, features, excluded, baseline));
        } while (in.more(']'));
        return slots;
    }

    private static List<RankableAction> actions(JsonCursor in) {
        List<RankableAction> actions = new ArrayList<>(16);
        if (!array(in, "actions", -1, "")) {
            return actions;
        }
        do {
            int a = actions.size();
            if (!in.consume('{')) {
                throw new RankRequestException("actions[" + a + "] must be an object");
            }
            String id = null;
            RawJson idJson = null;
            List<RawJson> features = List.of();
            if (!in.consume('}')) {
                do {
                    switch (in.member(ACTION_FIELDS)) {
                        case 0 -> {
                            in.peek();
                            int from = in.position();
                            id = optionalString(in, "actions", a, ".id");
                            // Kept as sent when it needs no escaping: the responses and the log copy these bytes.
                            idJson = id != null && in.lastStringPlain()
                                    ? new RawJson(in.bytes(), from, in.position() - from) : null;
                        }
                        case 1 -> features = featureObjects(in, "actions", a, ".features");
                        default -> in.skipValue();
                    }
                } while (in.more('}'));
            }
            if (id == null) {
                throw new RankRequestException("actions[" + a + "].id is required");
            }
            actions.add(new RankableAction(id, features, idJson));
        } while (in.more(']'));
        return actions;
    }

    /**
     * The name of a field for error messages: {@code array} itself when {@code index} is negative, else
     * {@code array[index]field}. Made only when there is an error to report (requests are hot).
     */
    private static String name(String array, int index, String field) {
        return index < 0 ? array : array + "[" + index + "]" + field;
    }

    /**
     * Opens the array that must come next: true when it has elements, false when it is empty (consumed).
     * Only {@code actions} and {@code slots} are required to be arrays; for the others null is no elements.
     */
    private static boolean array(JsonCursor in, String array, int index, String field) {
        if (!in.consume('[')) {
            throw new RankRequestException(name(array, index, field) + " must be an array");
        }
        return !in.consume(']');
    }

    /** Null, or an array of feature objects, each kept as its bytes in the body. */
    private static List<RawJson> featureObjects(JsonCursor in, String array, int index, String field) {
        if (isNull(in) || !array(in, array, index, field)) {
            return List.of();
        }
        // Most lists hold one or two objects: List.of(a) and List.of(a, b) make them without an array, and the
        // request records take such lists as they are instead of copying them.
        RawJson first = null;
        RawJson second = null;
        List<RawJson> all = null;
        int count = 0;
        do {
            if (in.peek() != '{') {
                throw new RankRequestException(name(array, index, field) + "[" + count + "] must be an object of features");
            }
            int from = in.position();
            in.clearSkippedLineBreakOrTab();
            in.skipValue();
            int to = in.position();
            RawJson object = in.skippedLineBreakOrTab() ? singleLine(in.bytes(), from, to)
                    : new RawJson(in.bytes(), from, to - from);
            switch (count++) {
                case 0 -> first = object;
                case 1 -> second = object;
                case 2 -> all = new ArrayList<>(List.of(first, second, object));
                default -> all.add(object);
            }
        } while (in.more(']'));
        return count == 1 ? List.of(first) : count == 2 ? List.of(first, second) : all;
    }

    /** Consumes a null if one comes next. */
    private static boolean isNull(JsonCursor in) {
        return in.peek() == 'n' && in.literal() == 'n';
    }

    /**
     * The object at {@code body[from, to)} with its line breaks and tabs made spaces, in a copy. They can
     * only be whitespace between tokens (JSON strings hold them escaped), and records are single lines.
     */
    private static RawJson singleLine(byte[] body, int from, int to) {
        byte[] text = Arrays.copyOfRange(body, from, to);
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') {
                text[i] = ' ';
            }
        }
        return new RawJson(text, 0, text.length);
    }

    private static List<String> strings(JsonCursor in, String array, int index, String field) {
        if (isNull(in) || !array(in, array, index, field)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        do {
            if (in.peek() != '"') {
                throw new RankRequestException(name(array, index, field) + "[" + out.size() + "] must be a string");
            }
            out.add(in.string());
        } while (in.more(']'));
        return out;
    }

    private static String optionalString(JsonCursor in, String array, int index, String field) {
        if (isNull(in)) {
            return null;
        }
        if (in.peek() != '"') {
            throw new RankRequestException(name(array, index, field) + " must be a string");
        }
        return in.string();
    }

    private static boolean optionalBoolean(JsonCursor in, String name) {
        return switch (in.literal()) {
            case 't' -> true;
            case 'f', 'n' -> false;
            default -> throw new RankRequestException(name + " must be true or false");
        };
    }

    /** Personalizer's multi-slot rank response: per slot its id and the action to show, and the event id. */
    static byte[] multiSlotResponse(SlotRanking ranking, MultiSlotRequest request) {
        return JsonText.bytes(out -> {
            out.startObject();
            out.name("slots").startArray();
            for (int s = 0; s < request.slots().size(); s++) {
                out.startObject();
                out.field("id", request.slots().get(s).id());
                request.actions().get(ranking.chosenAction(s)).writeId(out.name("rewardActionId"));
                out.endObject();
            }
            out.endArray();
            out.field("eventId", ranking.eventId());
            out.endObject();
        });
    }

    /** Personalizer's rank response: every ranked action with its probability, the event id, the chosen action. */
    static byte[] response(Ranking ranking, RankRequest request) {
        return JsonText.bytes(out -> {
            out.startObject();
            out.name("ranking").startArray();
            for (int k = 0; k < ranking.order().length; k++) {
                out.startObject();
                request.actions().get(ranking.actionAt(k)).writeId(out.name("id"));
                out.name("probability").number(ranking.probabilities()[k]);
                out.endObject();
            }
            out.endArray();
            out.field("eventId", ranking.eventId());
            request.actions().get(ranking.chosenAction()).writeId(out.name("rewardActionId"));
            out.endObject();
        });
    }
}
