package io.warren.core.parse;

/**
 * VW's non-fatal parse warnings for the line being read, collected until the reader takes them.
 * Taking them when there are none allocates nothing (it happens for every line).
 */
final class Warnings {
    private final StringBuilder text = new StringBuilder();

    void add(String message) {
        text.append(message).append('\n');
    }

    StringBuilder builder() {
        return text;
    }

    /** The warnings so far, one per line, and clears them; "" when there are none. */
    String take() {
        if (text.isEmpty()) {
            return "";
        }
        String w = text.toString();
        text.setLength(0);
        return w;
    }
}
