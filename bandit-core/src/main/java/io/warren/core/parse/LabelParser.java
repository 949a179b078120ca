package io.warren.core.parse;

import io.warren.core.example.Example;

/** Turns the label words of a text line into the example's label (VW's label_parser). */
public interface LabelParser {
    void parse(Example ec, Tokens words);

    /** The example's importance weight from its label. */
    float weight(Example ec);

    /** True when the label carries nothing to learn from. */
    boolean isTest(Example ec);

    /** Non-fatal problems (VW's warnings) from the last {@link #parse}, one per line, or empty. */
    default String takeWarnings() {
        return "";
    }
}
