package io.warren.core.parse;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Valid JSON texts with up to three characters inserted, removed or replaced, for holding a reader to an
 * oracle (Jackson) on nearly valid input. Half the edits land next to a structural character, where a lax
 * reader would slip; inserted characters are JSON's own (brackets, quotes, digits, letters of literals,
 * escapes, whitespace, one non-ASCII letter).
 */
public final class JsonMutations {
    private static final String INSERTED = "{}[]\":,0123456789.-+eE \t\ntruefalsnl\\u/ab\u00e9";

    private JsonMutations() {}

    public static Arbitrary<String> of(List<String> validTexts) {
        return Combinators.combine(Arbitraries.of(validTexts), Arbitraries.integers().between(0, 3), Arbitraries.longs())
                .as((text, edits, seed) -> mutate(text, edits, new Random(seed)));
    }

    private static String mutate(String text, int edits, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(out.length());
            while (random.nextBoolean() && "{}[],:\"".indexOf(out.charAt(at)) < 0) {
                at = (at + 1) % out.length();
            }
            char c = INSERTED.charAt(random.nextInt(INSERTED.length()));
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, c);
                case 1 -> out.deleteCharAt(at);
                default -> out.setCharAt(at, c);
            }
        }
        return out.toString();
    }
}
