package io.warren.core.rank;

import io.warren.core.driver.InputSetup;
import io.warren.core.driver.LearnerStack;
import io.warren.core.example.Example;
import io.warren.core.parse.DsJsonParser;
import io.warren.core.parse.ExamplePool;
import io.warren.core.parse.ExampleSetup;
import io.warren.core.parse.InputException;
import io.warren.core.parse.LabelParser;
import java.util.ArrayList;
import java.util.List;

/**
 * A decision context JSON turned into the stack's examples the way VW's JSON reader makes them, and
 * predicted as {@code -t} predicts; the parser, the examples and their pool are reused. Not thread-safe.
 */
final class ContextPredictor {
    /** Reads what the rank needs from the predicted examples before they go back to the pool. */
    interface Reader<T> {
        T read(List<Example> predicted);
    }

    private final LearnerStack stack;
    private final DsJsonParser parser;
    private final ExampleSetup setup;
    private final List<Example> examples = new ArrayList<>();
    private final ExamplePool pool = new ExamplePool();

    ContextPredictor(LearnerStack stack) {
        this.stack = stack;
        LabelParser labels = stack.newLabelParser();
        this.parser = InputSetup.jsonParser(stack.options, stack, labels, false, false);
        this.setup = InputSetup.exampleSetup(stack.options, stack, labels, false);
    }

    /** Features the JSON reader refuses are the caller's fault: a {@link RankRequestException}. */
    <T> T predict(String context, Reader<T> reader) {
        examples.clear();
        try {
            parser.parse(context, pool, examples);
        } catch (InputException e) {
            giveBack();
            throw new RankRequestException("features are not valid JSON features: " + e.getMessage());
        }
        try {
            for (Example ec : examples) {
                setup.setup(ec);
            }
            stack.learnOne(examples, false);
            return reader.read(examples);
        } finally {
            giveBack();
        }
    }

    private void giveBack() {
        pool.giveBack(examples);
        examples.clear();
    }
}
