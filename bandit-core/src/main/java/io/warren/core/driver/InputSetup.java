package io.warren.core.driver;

import io.warren.core.hash.FeatureHasher;
import io.warren.core.parse.DsJsonParser;
import io.warren.core.parse.ExampleSetup;
import io.warren.core.parse.LabelParser;
import io.warren.core.parse.NgramTransformer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How VW's command line shapes input before learning (hashing, --ignore/--keep, n-grams, the constant),
 * in one place for every reader of a stack's input: {@code warren train} and the rank path of the API.
 */
public final class InputSetup {
    private InputSetup() {}

    public static FeatureHasher hasher(VwOptions o) {
        return FeatureHasher.fromOption(o.string("hash", "strings"));
    }

    public static long hashSeed(VwOptions o) {
        return o.longValue("hash_seed", 0);
    }

    /** A JSON reader for the stack: {@code decisionService} for DSJSON lines, false for plain context objects. */
    public static DsJsonParser jsonParser(VwOptions o, LearnerStack stack, LabelParser labels, boolean names,
                                          boolean decisionService) {
        return new DsJsonParser(hasher(o), hashSeed(o), stack.weights.bits, o.has("chain_hash"), names,
                decisionService, labels);
    }

    public static ExampleSetup exampleSetup(VwOptions o, LearnerStack stack, LabelParser labels, boolean names) {
        boolean[] ignore = new boolean[256];
        for (String ns : o.all("ignore")) {
            for (byte b : ns.getBytes(StandardCharsets.ISO_8859_1)) {
                ignore[b & 0xff] = true;
            }
        }
        if (o.has("keep")) {
            Arrays.fill(ignore, true);
            for (String ns : o.all("keep")) {
                for (byte b : ns.getBytes(StandardCharsets.ISO_8859_1)) {
                    ignore[b & 0xff] = false;
                }
            }
        }
        NgramTransformer ngrams = new NgramTransformer(o.all("ngram"), o.all("skips"));
        return new ExampleSetup(labels, ignore, ngrams, !o.has("noconstant"), stack.indexMultiplier(),
                stack.interactions, o.has("permutations"), names);
    }
}
