package io.warren.core.parse;

import io.warren.core.example.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * One unit of input for the learner: the lines of one (multi-line) example, where it started, and
 * what went wrong reading it. A unit with {@link #error} set is reported and skipped; warnings are
 * reported and the example is still learned from.
 */
public final class MultiExample {
    public final List<Example> examples = new ArrayList<>();
    public long firstLine;
    /** Non-null when a line of this example could not be parsed (the example is skipped). */
    public String error;
    public long errorLine;
    /** VW's non-fatal parser warnings for lines of this example, one per line, or null. */
    public StringBuilder warnings;
    /** Count of malformed lines, including skipped lines between examples. */
    public int malformedLines;

    public boolean isEmpty() {
        return examples.isEmpty();
    }

    public void addWarning(String text) {
        if (warnings == null) {
            warnings = new StringBuilder();
        }
        warnings.append(text).append('\n');
    }

    /** Clears the unit, handing its examples back to {@code pool}. */
    public void recycle(ExamplePool pool) {
        pool.giveBack(examples);
        examples.clear();
        firstLine = 0;
        error = null;
        errorLine = 0;
        malformedLines = 0;
        if (warnings != null) {
            warnings.setLength(0);
        }
    }
}
