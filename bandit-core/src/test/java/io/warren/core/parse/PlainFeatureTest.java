package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.hash.FeatureHasher;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * TextParser reads plain {@code name:value} features on a fast path and everything else on the general
 * one; with --audit it reads every feature on the general path. Both must give the same features, bit for
 * bit, on any line.
 */
class PlainFeatureTest {
    @Property(tries = 3000)
    void theFastPathReadsFeaturesAsTheGeneralPathDoes(@ForAll("lines") String line, @ForAll("hashers") FeatureHasher hasher) {
        byte[] bytes = line.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(features(bytes, hasher, false)).as(line).isEqualTo(features(bytes, hasher, true));
    }

    private static String features(byte[] line, FeatureHasher hasher, boolean audit) {
        Example ec = new Example();
        new TextParser(hasher, 7, 18, audit, new CbLabelParser()).parse(line, 0, line.length, ec);
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < ec.numIndices; n++) {
            Features fs = ec.featureSpace[ec.indices[n]];
            out.append('|').append(ec.indices[n]).append(':').append(Float.floatToRawIntBits(fs.sumFeatSq));
            for (int j = 0; j < fs.size; j++) {
                out.append(' ').append(fs.indices[j]).append('=').append(Float.floatToRawIntBits(fs.values[j]));
            }
        }
        return out.toString();
    }

    @Provide
    Arbitrary<FeatureHasher> hashers() {
        return Arbitraries.of(FeatureHasher.values());
    }

    /** Namespaces of features mixing plain ones with every shape the fast path must leave alone. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> name = Arbitraries.oneOf(
                Arbitraries.strings().withChars("abfu_09").ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().withChars("ab1:\u0001\u00e9=|").ofMinLength(0).ofMaxLength(4));
        Arbitrary<String> value = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("", "-"), Arbitraries.strings().numeric().ofMaxLength(4),
                        Arbitraries.of("", "."), Arbitraries.strings().numeric().ofMaxLength(5))
                        .as((s, i, dot, f) -> s + i + dot + f),
                Arbitraries.strings().withChars("0123456789.-+eEx ").ofMaxLength(9));
        Arbitrary<String> feature = Combinators.combine(name, Arbitraries.of(":", ":", ":", ""), value)
                .as((n, colon, v) -> n + colon + (colon.isEmpty() ? "" : v));
        Arbitrary<String> namespace = Combinators.combine(Arbitraries.of("a", "s", "ns:0.5", "x:2", ""),
                feature.list().ofMaxSize(6), Arbitraries.of(" ", "\t", "  "))
                .as((ns, features, gap) -> "|" + ns + gap + String.join(gap, features));
        return Combinators.combine(Arbitraries.of("", "1:0.5:0.1 ", "shared "), namespace.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of("", " ", "\r"))
                .as((label, namespaces, tail) -> label + String.join(" ", namespaces) + tail);
    }
}
