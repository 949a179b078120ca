package io.warren.core.parse;

import io.warren.core.example.Example;
import java.util.ArrayList;
import java.util.List;

/**
 * Examples for a reader to fill, reused once given back so that steady-state reading allocates nothing.
 * Last given back, first handed out: the example most likely still in cache.
 */
public final class ExamplePool implements DsJsonParser.ExampleFactory {
    private final List<Example> free = new ArrayList<>();

    /** A reset example. */
    @Override
    public Example next() {
        Example ec = free.isEmpty() ? new Example() : free.remove(free.size() - 1);
        ec.reset();
        return ec;
    }

    public void giveBack(Example ec) {
        free.add(ec);
    }

    /** Gives back every example of {@code examples} (one by one: {@code addAll} would copy the list). */
    public void giveBack(List<Example> examples) {
        for (int i = 0, n = examples.size(); i < n; i++) {
            free.add(examples.get(i));
        }
    }
}
