package io.warren.core.parse;

import io.warren.core.example.Example;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups VW text lines into examples: every line is parsed and set up; an empty line that carries no
 * label ends a multi-line example (VW's emptylines_separate_examples), as does the end of the input.
 * A line that fails to parse makes its whole example an error unit, so the learner never sees half an
 * example. For a single-line stack (--cb, --cbify) every line is its own example and empty lines are
 * dropped, as VW's single-example handler drops them.
 */
public final class TextExampleReader implements MultiExampleSource {
    private final LineReader lines;
    private final TextParser parser;
    private final ExampleSetup setup;
    private final LabelParser labels;
    private final boolean multiline;
    private final ExamplePool pool = new ExamplePool();
    private final List<MultiExample> spareUnits = new ArrayList<>();

    public TextExampleReader(LineReader lines, TextParser parser, ExampleSetup setup, LabelParser labels) {
        this(lines, parser, setup, labels, true);
    }

    public TextExampleReader(LineReader lines, TextParser parser, ExampleSetup setup, LabelParser labels,
                             boolean multiline) {
        this.multiline = multiline;
        this.lines = lines;
        this.parser = parser;
        this.setup = setup;
        this.labels = labels;
    }

    @Override
    public void release(MultiExample unit) {
        unit.recycle(pool);
        spareUnits.add(unit);
    }

    @Override
    public MultiExample next() throws IOException {
        MultiExample out = spareUnits.isEmpty() ? new MultiExample() : spareUnits.remove(spareUnits.size() - 1);
        if (fill(out)) {
            return out;
        }
        release(out);
        return null;
    }

    private boolean fill(MultiExample out) throws IOException {
        while (lines.next()) {
            Example ec = pool.next();
            long lineNumber = lines.lineNumber();
            try {
                parser.parse(lines.buffer(), lines.start(), lines.start() + lines.length(), ec);
            } catch (InputException e) {
                pool.giveBack(ec);
                out.malformedLines++;
                if (out.error == null) {
                    out.error = e.getMessage();
                    out.errorLine = lineNumber;
                }
                if (!multiline) {
                    return true;
                }
                continue;
            }
            String warnings = parser.takeWarnings();
            if (!warnings.isEmpty()) {
                out.addWarning(lineNumber + ": " + warnings.strip());
            }
            boolean endsExample = multiline ? ec.isNewline && !ec.cb.isHeader() && labels.isTest(ec) : ec.isNewline;
            if (endsExample) {
                pool.giveBack(ec);
                if (!out.isEmpty() || out.error != null) {
                    return true;
                }
                continue;
            }
            setup.setup(ec);
            if (out.isEmpty()) {
                out.firstLine = lineNumber;
            }
            out.examples.add(ec);
            if (!multiline) {
                return true;
            }
        }
        return !out.isEmpty() || out.error != null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
