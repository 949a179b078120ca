package io.warren.core.parse;

import java.io.IOException;

/**
 * Where the learner's examples come from: a text or JSON reader, or a parse-ahead thread over one.
 * Units are lent: the caller hands each back with {@link #release} when it is done with it, so the
 * examples inside are reused without allocation.
 */
public interface MultiExampleSource extends AutoCloseable {
    /** The next example, or null at the end of the input. */
    MultiExample next() throws IOException;

    void release(MultiExample unit);

    @Override
    void close() throws IOException;
}
