package io.warren.core.parse;

import io.warren.core.example.Example;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON object per line, grouped into examples as VW's JSON readers feed a multi-line learner: a
 * line that made more than one example (it had {@code _multi}) is a complete multi-line example; a
 * single-example line is not, and joins the examples of the next line(s), as it does in VW. Lines VW
 * skips (DSJSON without '{', {@code _skipLearn}, no actions) are skipped silently; malformed ones make
 * an error unit that the learner reports as {@code file:line: message}.
 */
public final class JsonExampleReader implements MultiExampleSource {
    private final LineReader lines;
    private final DsJsonParser parser;
    private final ExampleSetup setup;
    private final ExamplePool pool = new ExamplePool();
    private final List<MultiExample> spareUnits = new ArrayList<>();
    private final List<Example> lineExamples = new ArrayList<>();

    public JsonExampleReader(LineReader lines, DsJsonParser parser, ExampleSetup setup) {
        this.lines = lines;
        this.parser = parser;
        this.setup = setup;
    }

    @Override
    public MultiExample next() throws IOException {
        MultiExample out = spareUnits.isEmpty() ? new MultiExample() : spareUnits.remove(spareUnits.size() - 1);
        while (lines.next()) {
            lineExamples.clear();
            DsJsonParser.Status status;
            try {
                status = parser.parse(lines.buffer(), lines.start(), lines.start() + lines.length(), pool,
                        lineExamples);
            } catch (InputException e) {
                // Like a bad line of a text example, a bad line spoils the example it belongs to.
                pool.giveBack(lineExamples);
                out.error = e.getMessage();
                out.errorLine = lines.lineNumber();
                out.malformedLines = 1;
                return out;
            }
            if (status != DsJsonParser.Status.LEARN) {
                pool.giveBack(lineExamples);
                continue;
            }
            if (out.isEmpty()) {
                out.firstLine = lines.lineNumber();
            }
            for (Example ec : lineExamples) {
                setup.setup(ec);
                out.examples.add(ec);
            }
            if (lineExamples.size() > 1) {
                return out;
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        release(out);
        return null;
    }

    @Override
    public void release(MultiExample unit) {
        unit.recycle(pool);
        spareUnits.add(unit);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
