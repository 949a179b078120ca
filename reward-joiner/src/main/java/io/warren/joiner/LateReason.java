package io.warren.joiner;

/** Why a reward went to the late output; its {@link #text()} is the record's {@code _lateReason}. */
public enum LateReason {
    /** Its timestamp is after the decision's window end, or it came after the event was emitted. */
    AFTER_WINDOW("after-window"),
    /** No decision with its event id came within the early-reward window after its timestamp. */
    NO_DECISION("no-decision"),
    /** On a multi-slot decision: its slotId is missing or not one of the decision's slots. */
    UNKNOWN_SLOT("unknown-slot");

    private final String text;

    LateReason(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** The record JSON (an object) with {@code "_lateReason": text()} added as its last field. */
    String mark(String recordJson) {
        int end = recordJson.lastIndexOf('}');
        int start = recordJson.indexOf('{');
        if (start < 0 || end < start) {
            throw new InvalidRecordException("record is not a JSON object: " + recordJson);
        }
        boolean empty = recordJson.substring(start + 1, end).isBlank();
        return recordJson.substring(0, end) + (empty ? "" : ",") + "\"_lateReason\":\"" + text + "\""
                + recordJson.substring(end);
    }
}
