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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A decision context JSON turned into the stack's examples the way VW's JSON reader makes them, and
 * predicted as {@code -t} predicts; the parser, the examples and their pool are reused. Not thread-safe.
 *
 * <p>For single-slot ranks, what the reader made of each action is kept by action id, set up as the
 * stack takes it: an action that comes again with the same feature text is predicted from the kept example
 * instead of being read again (a catalogue's actions come again and again, and they are most of a
 * request's features). An action example depends on its own {@code _multi} entry only, so the kept one is
 * what the reader would make of it; predicting leaves an example as it found it (the shared features the
 * stack appends are taken off again), which {@code RankerTest} checks for every exploration.
 */
final class ContextPredictor {
    /** Reads what the rank needs from the predicted examples before they go back to the pool. */
    interface Reader<T> {
        T read(List<Example> predicted);
    }

    private final LearnerStack stack;
    private final DsJsonParser parser;
    private final ExampleSetup setup;
    /** What the reader made of this request (the pool's), and the examples predicted, in rank order. */
    private final List<Example> read = new ArrayList<>();
    private final List<Example> examples = new ArrayList<>();
    private final ExamplePool pool = new ExamplePool();
    /** Read action examples by action id, each with the feature text it was read from. */
    private final Map<String, ReadAction> readActions = new HashMap<>();
    /** The context JSON handed to the reader, written here for each request. */
    private final JsonText contextBytes = new JsonText();
    /** Rankable positions whose actions were not read before, for the request at hand. */
    private int[] unread = new int[8];
    /** Per rank place of the request at hand, its kept action (null when read with the request). */
    private ReadAction[] kept = new ReadAction[8];

    /** An action example as the reader made it of the action's features, set up. */
    private static final class ReadAction {
        final List<RawJson> features;
        final Example example = new Example();

        ReadAction(List<RawJson> features, Example parsed, ExampleSetup setup) {
            // Copies: the request's values are slices of its body, which the cache must not keep alive.
            this.features = features.stream().map(RawJson::copy).toList();
            example.copyParsed(parsed);
            setup.setup(example);
        }

        /** Whether this example was read from {@code features} (by index: a List's equals makes an iterator). */
        boolean readFrom(List<RawJson> features) {
            if (features.size() != this.features.size()) {
                return false;
            }
            for (int f = 0; f < features.size(); f++) {
                if (!features.get(f).equals(this.features.get(f))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Most action examples kept; past it the cache starts again (a catalogue far larger than this is not a cache's case). */
    static final int MAX_READ_ACTIONS = 4096;

    ContextPredictor(LearnerStack stack) {
        this.stack = stack;
        LabelParser labels = stack.newLabelParser();
        this.parser = InputSetup.jsonParser(stack.options, stack, labels, false, false);
        this.setup = InputSetup.exampleSetup(stack.options, stack, labels, false);
    }

    /** Features the JSON reader refuses are the caller's fault: a {@link RankRequestException}. */
    <T> T predict(String context, Reader<T> reader) {
        read.clear();
        try {
            parser.parse(context, pool, read);
        } catch (InputException e) {
            giveBack();
            throw new RankRequestException("features are not valid JSON features: " + e.getMessage());
        }
        examples.addAll(read);
        return predictRead(reader);
    }

    /**
     * Predicts the rankable actions of a single-slot request, reading only the context and the actions
     * not read before (see the class comment).
     */
    <T> T predict(RankRequest request, int[] rankable, int count, Reader<T> reader) {
        List<RankableAction> actions = request.actions();
        if (readActions.size() + count > MAX_READ_ACTIONS) {
            // Start again before this request rather than during it: what it finds kept stays kept while it runs.
            readActions.clear();
        }
        int unreadCount = 0;
        if (unread.length < count) {
            unread = new int[count];
            kept = new ReadAction[count];
        }
        for (int k = 0; k < count; k++) {
            RankableAction action = actions.get(rankable[k]);
            ReadAction earlier = readActions.get(action.id());
            kept[k] = earlier != null && earlier.readFrom(action.featuresJson()) ? earlier : null;
            if (kept[k] == null) {
                unread[unreadCount++] = rankable[k];
            }
        }
        read.clear();
        try {
            DecisionJson.context(request, unread, unreadCount, contextBytes);
            parser.parse(contextBytes.array(), 0, contextBytes.length(), pool, read);
        } catch (InputException e) {
            giveBack();
            throw new RankRequestException("features are not valid JSON features: " + e.getMessage());
        }
        if (read.size() != unreadCount + 1) {
            giveBack();
            throw new IllegalStateException("the reader made " + read.size() + " examples of a context with "
                    + unreadCount + " actions");
        }
        for (int u = 0; u < unreadCount; u++) {
            RankableAction action = actions.get(unread[u]);
            readActions.put(action.id(), new ReadAction(action.featuresJson(), read.get(1 + u), setup));
        }
        // The shared example, then in rank order each action's example, from this read or kept from an earlier one.
        examples.add(read.get(0));
        int fromThisRead = 1;
        for (int k = 0; k < count; k++) {
            examples.add(kept[k] != null ? kept[k].example : read.get(fromThisRead++));
        }
        return predictRead(reader);
    }

    /** Sets up the examples read, predicts, hands the predicted examples to {@code reader}, gives the read back. */
    private <T> T predictRead(Reader<T> reader) {
        try {
            for (int i = 0, n = read.size(); i < n; i++) {
                setup.setup(read.get(i));
            }
            stack.learnOne(examples, false);
            return reader.read(examples);
        } finally {
            giveBack();
        }
    }

    /** The read examples go back to the pool; kept ones stay kept. */
    private void giveBack() {
        pool.giveBack(read);
        read.clear();
        examples.clear();
    }
}
