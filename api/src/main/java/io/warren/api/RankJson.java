package io.warren.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.warren.core.rank.JsonText;
import io.warren.core.rank.MultiSlotRequest;
import io.warren.core.rank.RankRequest;
import io.warren.core.rank.RankRequestException;
import io.warren.core.rank.RankableAction;
import io.warren.core.rank.Ranking;
import io.warren.core.rank.SlotRanking;
import io.warren.core.rank.SlotRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Personalizer's rank request and response bodies (the same in REST v1.0 and v1.1-preview.3). Feature
 * objects are kept as the JSON text the caller sent; they become VW features later, as VW's JSON reader
 * reads them. A body that is not such a request is a {@link RankRequestException} naming the field.
 */
final class RankJson {
    private static final JsonFactory JSON = new JsonFactory();

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
        List<String> context = List.of();
        List<RankableAction> actions;
        List<String> excluded = List.of();
        List<SlotRequest> slots;
        String eventId;
        boolean defer;
    }

    private static RequestFields read(byte[] body, boolean multiSlot) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RankRequestException("the request body must be a JSON object");
            }
            RequestFields f = new RequestFields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "contextFeatures" -> f.context = featureObjects(p, value, "contextFeatures", -1, "", body);
                    case "actions" -> f.actions = actions(p, value, body);
                    case "excludedActions" -> {
                        if (multiSlot) {
                            p.skipChildren();
                        } else {
                            f.excluded = strings(p, value, "excludedActions", -1, "");
                        }
                    }
                    case "slots" -> {
                        if (multiSlot) {
                            f.slots = slots(p, value, body);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "eventId" -> f.eventId = optionalString(p, value, "eventId", -1, "");
                    case "deferActivation" -> f.defer = optionalBoolean(value, "deferActivation");
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new RankRequestException("unexpected content after the request object");
            }
            if (f.actions == null) {
                throw new RankRequestException("actions is required");
            }
            return f;
        } catch (JsonProcessingException e) {
            throw new RankRequestException("the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SlotRequest> slots(JsonParser p, JsonToken value, byte[] body) throws IOException {
        expectArray(value, "slots", -1, "");
        List<SlotRequest> slots = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String name = "slots[" + slots.size() + "]";
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new RankRequestException(name + " must be an object");
            }
            String id = null;
            String baseline = null;
            List<String> features = List.of();
            List<String> excluded = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "id" -> id = optionalString(p, v, "slots", slots.size(), ".id");
                    case "features" -> features = featureObjects(p, v, "slots", slots.size(), ".features", body);
                    case "excludedActions" -> excluded = strings(p, v, "slots", slots.size(), ".excludedActions");
                    case "baselineAction" -> baseline = optionalString(p, v, "slots", slots.size(), ".baselineAction");
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new RankRequestException(name + ".id is required");
            }
            slots.add(new SlotRequest(id, features, excluded, baseline));
        }
        return slots;
    }

    private static List<RankableAction> actions(JsonParser p, JsonToken value, byte[] body) throws IOException {
        expectArray(value, "actions", -1, "");
        List<RankableAction> actions = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new RankRequestException("actions[" + actions.size() + "] must be an object");
            }
            String id = null;
            List<String> features = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "id" -> id = optionalString(p, v, "actions", actions.size(), ".id");
                    case "features" -> features = featureObjects(p, v, "actions", actions.size(), ".features", body);
                    default -> p.skipChildren();
                }
            }
            if (id == null) {
                throw new RankRequestException("actions[" + actions.size() + "].id is required");
            }
            actions.add(new RankableAction(id, features));
        }
        return actions;
    }

    /**
     * The name of a field for error messages: {@code array} itself when {@code index} is negative, else
     * {@code array[index]field}. Made only when there is an error to report (requests are hot).
     */
    private static String name(String array, int index, String field) {
        return index < 0 ? array : array + "[" + index + "]" + field;
    }

    /** An array of feature objects, each kept as its JSON text in {@code body}. */
    private static List<String> featureObjects(JsonParser p, JsonToken value, String array, int index, String field,
                                               byte[] body) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expectArray(value, array, index, field);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new RankRequestException(name(array, index, field) + "[" + out.size() + "] must be an object of features");
            }
            int from = (int) p.currentTokenLocation().getByteOffset();
            p.skipChildren();
            int to = (int) p.currentLocation().getByteOffset();
            out.add(singleLine(body, from, to));
        }
        return out;
    }

    /**
     * The object's text as the caller sent it. Line breaks and tabs in it can only be whitespace between
     * tokens (JSON strings hold them escaped), so they become spaces: records are single lines.
     */
    private static String singleLine(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == '\n' || body[i] == '\r' || body[i] == '\t') {
                byte[] text = java.util.Arrays.copyOfRange(body, from, to);
                for (int j = i - from; j < text.length; j++) {
                    if (text[j] == '\n' || text[j] == '\r' || text[j] == '\t') {
                        text[j] = ' ';
                    }
                }
                return new String(text, StandardCharsets.UTF_8);
            }
        }
        return new String(body, from, to - from, StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonParser p, JsonToken value, String array, int index, String field)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return List.of();
        }
        expectArray(value, array, index, field);
        String name = name(array, index, field);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new RankRequestException(name + "[" + out.size() + "] must be a string");
            }
            out.add(p.getText());
        }
        return out;
    }

    private static String optionalString(JsonParser p, JsonToken value, String array, int index, String field)
            throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new RankRequestException(name(array, index, field) + " must be a string");
        }
        return p.getText();
    }

    private static boolean optionalBoolean(JsonToken value, String name) {
        return switch (value) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw new RankRequestException(name + " must be true or false");
        };
    }

    private static void expectArray(JsonToken value, String array, int index, String field) {
        if (value != JsonToken.START_ARRAY) {
            throw new RankRequestException(name(array, index, field) + " must be an array");
        }
    }

    /** Personalizer's multi-slot rank response: per slot its id and the action to show, and the event id. */
    static byte[] multiSlotResponse(SlotRanking ranking, MultiSlotRequest request) {
        return JsonText.bytes((text, g) -> {
            g.writeStartObject();
            g.writeArrayFieldStart("slots");
            for (int s = 0; s < request.slots().size(); s++) {
                g.writeStartObject();
                g.writeStringField("id", request.slots().get(s).id());
                g.writeStringField("rewardActionId", request.actions().get(ranking.chosenAction(s)).id());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("eventId", ranking.eventId());
            g.writeEndObject();
        });
    }

    /** Personalizer's rank response: every ranked action with its probability, the event id, the chosen action. */
    static byte[] response(Ranking ranking, RankRequest request) {
        return JsonText.bytes((text, g) -> {
            g.writeStartObject();
            g.writeArrayFieldStart("ranking");
            for (int k = 0; k < ranking.order().length; k++) {
                g.writeStartObject();
                g.writeStringField("id", request.actions().get(ranking.actionAt(k)).id());
                g.writeFieldName("probability");
                text.writeFloat(g, ranking.probabilities()[k]);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("eventId", ranking.eventId());
            g.writeStringField("rewardActionId", request.actions().get(ranking.chosenAction()).id());
            g.writeEndObject();
        });
    }
}
