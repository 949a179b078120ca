package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.hash.FeatureHasher;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random contextual-bandit events written both as a DSJSON line and as VW text lines must parse to
 * the same hashed features wherever VW's two readers coincide:
 * <ul>
 *   <li>an object {@code "ns": {...}} and a text namespace {@code |ns}; a nested object and a fresh
 *       {@code |inner} segment followed by the outer namespace again;
 *   <li>{@code "k": 2.25} and {@code k:2.25}; {@code "k": true} and {@code k};
 *   <li>{@code "k": "v w"} and {@code k:v_w} with {@code --chain_hash}, {@code kv_w} without;
 *   <li>{@code "k": [a, null, b]} and {@code |k :a :b}; {@code "_text": "x y"} and {@code x y};
 *   <li>the context's own keys and the unnamed namespace {@code |}, only with {@code --hash strings}
 *       and seed 0 (JSON seeds it with {@code hash(" ", seed)}, text with 0 or {@code murmur("", seed)}).
 * </ul>
 * Values are integers and quarters, which both readers turn into the same float exactly.
 */
class ParseRoundTripPropertiesTest {
    private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-é";
    /** First letters a string value may start with and still never read as a number in text. */
    private static final String VALUE_START = "abcdfghjklmopqrstuvwxyzABCDFGHJKLMOPQRSTUVWXYZ";
    private static final String VALUE_CHARS = VALUE_START + "0123456789.-é |:\t";

    private sealed interface Member permits Num, Str, Flag, Nested, Arr, Words {}

    private record Num(String key, String literal) implements Member {}

    private record Str(String key, String value) implements Member {}

    private record Flag(String key) implements Member {}

    private record Nested(String key, List<Member> members) implements Member {}

    private record Arr(String key, List<String> literals) implements Member {}

    private record Words(String text) implements Member {}

    private record Event(List<Member> context, int multiAt, List<List<Member>> actions, int chosen, String cost,
                         String probability) {}

    /** Builds random events from one seed; {@code leavesAtTop} allows features in unnamed namespaces. */
    private static final class Generator {
        private final Random r;
        private final boolean leavesAtTop;

        Generator(long seed, boolean leavesAtTop) {
            this.r = new Random(seed);
            this.leavesAtTop = leavesAtTop;
        }

        Event event() {
            List<Member> context = members(2, true);
            int actions = 1 + r.nextInt(4);
            List<List<Member>> acts = new ArrayList<>();
            for (int a = 0; a < actions; a++) {
                acts.add(members(2, true));
            }
            int chosen = r.nextInt(actions + 1) - 1;
            return new Event(context, r.nextInt(context.size() + 1), acts, chosen, number(), quarterProbability());
        }

        private List<Member> members(int depth, boolean top) {
            int n = r.nextInt(5);
            List<Member> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(depth > 0 ? 6 : 5);
                if (top && !leavesAtTop && kind < 4) {
                    kind = 4 + r.nextInt(depth > 0 ? 2 : 1);
                }
                out.add(switch (kind) {
                    case 0 -> new Num(name(), number());
                    case 1 -> new Str(name(), value());
                    case 2 -> new Flag(name());
                    case 3 -> new Words(words());
                    case 4 -> new Arr(name(), array());
                    default -> new Nested(name(), members(depth - 1, false));
                });
            }
            return out;
        }

        private String name() {
            StringBuilder sb = new StringBuilder();
            int len = 1 + r.nextInt(6);
            for (int i = 0; i < len; i++) {
                sb.append(NAME_CHARS.charAt(r.nextInt(NAME_CHARS.length())));
            }
            return sb.toString();
        }

        private String value() {
            StringBuilder sb = new StringBuilder();
            sb.append(VALUE_START.charAt(r.nextInt(VALUE_START.length())));
            int len = r.nextInt(7);
            for (int i = 0; i < len; i++) {
                sb.append(VALUE_CHARS.charAt(r.nextInt(VALUE_CHARS.length())));
            }
            return sb.toString();
        }

        private String words() {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(12);
            String chars = NAME_CHARS + " \t:|";
            for (int i = 0; i < len; i++) {
                sb.append(chars.charAt(r.nextInt(chars.length())));
            }
            return sb.toString();
        }

        private String number() {
            int k = r.nextInt(401) - 200;
            return r.nextBoolean() ? Integer.toString(k / 4) : BigDecimal.valueOf(k).divide(BigDecimal.valueOf(4)).toPlainString();
        }

        private String quarterProbability() {
            return BigDecimal.valueOf(1 + r.nextInt(4)).divide(BigDecimal.valueOf(4)).toPlainString();
        }

        private List<String> array() {
            int n = r.nextInt(5);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(r.nextInt(5) == 0 ? "null" : number());
            }
            return out;
        }
    }

    // ---- writers ---------------------------------------------------------------------------

    private static String jsonString(String s) {
        return "\"" + s.replace("\t", "\\t") + "\"";
    }

    private static void writeMembers(StringBuilder sb, List<Member> members) {
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            writeMember(sb, members.get(i));
        }
    }

    private static void writeMember(StringBuilder sb, Member m) {
        switch (m) {
            case Num n -> sb.append(jsonString(n.key())).append(':').append(n.literal());
            case Str s -> sb.append(jsonString(s.key())).append(':').append(jsonString(s.value()));
            case Flag f -> sb.append(jsonString(f.key())).append(":true");
            case Words w -> sb.append("\"_text\":").append(jsonString(w.text()));
            case Arr a -> sb.append(jsonString(a.key())).append(":[").append(String.join(",", a.literals())).append(']');
            case Nested n -> {
                sb.append(jsonString(n.key())).append(":{");
                writeMembers(sb, n.members());
                sb.append('}');
            }
        }
    }

    static String dsjson(Event e) {
        StringBuilder sb = new StringBuilder("{");
        if (e.chosen() >= 0) {
            sb.append("\"_label_cost\":").append(e.cost()).append(",\"_label_probability\":").append(e.probability())
                    .append(",\"_label_Action\":").append(e.chosen() + 1).append(",\"_labelIndex\":").append(e.chosen())
                    .append(',');
        }
        sb.append("\"Version\":\"1\",\"EventId\":\"x\",\"a\":[1],\"c\":{");
        List<Member> ctx = e.context();
        boolean first = true;
        for (int i = 0; i <= ctx.size(); i++) {
            if (i == e.multiAt()) {
                sb.append(first ? "" : ",").append("\"_multi\":[");
                for (int a = 0; a < e.actions().size(); a++) {
                    sb.append(a == 0 ? "{" : ",{");
                    writeMembers(sb, e.actions().get(a));
                    sb.append('}');
                }
                sb.append(']');
                first = false;
            }
            if (i < ctx.size()) {
                sb.append(first ? "" : ",");
                writeMember(sb, ctx.get(i));
                first = false;
            }
        }
        sb.append("},\"p\":[1],\"VWState\":{\"m\":\"v\"}}");
        return sb.toString();
    }

    private static String escaped(String s) {
        return s.replace(' ', '_').replace('\t', '_').replace('|', '_').replace(':', '_');
    }

    /** Appends text segments for {@code members} of namespace {@code ns} (null = unnamed). */
    private static void textSegments(StringBuilder sb, List<Member> members, String ns, boolean chainHash) {
        boolean open = false;
        for (Member m : members) {
            switch (m) {
                case Nested n -> {
                    textSegments(sb, n.members(), n.key(), chainHash);
                    open = false;
                }
                case Arr a -> {
                    sb.append(" |").append(a.key());
                    for (String lit : a.literals()) {
                        if (!lit.equals("null")) {
                            sb.append(" :").append(lit);
                        }
                    }
                    open = false;
                }
                default -> {
                    if (!open) {
                        sb.append(" |").append(ns == null ? "" : ns);
                        open = true;
                    }
                    switch (m) {
                        case Num n -> sb.append(' ').append(n.key()).append(':').append(n.literal());
                        case Str s -> sb.append(' ').append(s.key()).append(chainHash ? ":" : "").append(escaped(s.value()));
                        case Flag f -> sb.append(' ').append(f.key());
                        case Words w -> {
                            for (String word : w.text().split("[ \t]+")) {
                                if (!word.isEmpty()) {
                                    sb.append(' ').append(escaped(word));
                                }
                            }
                        }
                        default -> throw new IllegalStateException();
                    }
                }
            }
        }
    }

    /** A line without any bar would read its last label word as a tag (or be an empty line). */
    private static String withBar(StringBuilder line) {
        return line.indexOf("|") < 0 ? line.append(" |").toString() : line.toString();
    }

    static List<String> text(Event e, boolean chainHash) {
        List<String> lines = new ArrayList<>();
        StringBuilder shared = new StringBuilder("shared");
        textSegments(shared, e.context(), null, chainHash);
        lines.add(withBar(shared));
        for (int a = 0; a < e.actions().size(); a++) {
            StringBuilder sb = new StringBuilder(a == e.chosen() ? (a + 1) + ":" + e.cost() + ":" + e.probability() : "");
            textSegments(sb, e.actions().get(a), null, chainHash);
            lines.add(withBar(sb));
        }
        return lines;
    }

    // ---- comparison ------------------------------------------------------------------------

    private static Example fresh() {
        Example e = new Example();
        e.reset();
        return e;
    }

    private static void assertSameFeatures(Example fromJson, Example fromText, String context) {
        for (int g = 0; g < 256; g++) {
            Features a = fromJson.featureSpace[g];
            Features b = fromText.featureSpace[g];
            long[] ia = a == null ? new long[0] : Arrays.copyOf(a.indices, a.size);
            long[] ib = b == null ? new long[0] : Arrays.copyOf(b.indices, b.size);
            float[] va = a == null ? new float[0] : Arrays.copyOf(a.values, a.size);
            float[] vb = b == null ? new float[0] : Arrays.copyOf(b.values, b.size);
            assertThat(ia).as("indices of namespace %d in %s", g, context).containsExactly(ib);
            assertThat(va).as("values of namespace %d in %s", g, context).containsExactly(vb);
            assertThat(fromJson.hasNamespace(g)).as("namespace %d listed in %s", g, context)
                    .isEqualTo(fromText.hasNamespace(g));
        }
    }

    private static void assertSameLabel(CbLabel a, CbLabel b, String context) {
        assertThat(a.size).as("label size in %s", context).isEqualTo(b.size);
        for (int i = 0; i < a.size; i++) {
            assertThat(a.action[i]).as(context).isEqualTo(b.action[i]);
            assertThat(a.cost[i]).as(context).isEqualTo(b.cost[i]);
            assertThat(a.probability[i]).as(context).isEqualTo(b.probability[i]);
        }
    }

    private static void roundTrip(Event e, FeatureHasher hasher, long seed, int bits, boolean chainHash) {
        String json = dsjson(e);
        List<String> lines = text(e, chainHash);
        String context = "\n" + json + "\nvs\n" + String.join("\n", lines);
        DsJsonParser parser = new DsJsonParser(hasher, seed, bits, chainHash, false, true, new CbLabelParser());
        List<Example> out = new ArrayList<>();
        assertThat(parser.parse(json, ParseRoundTripPropertiesTest::fresh, out)).isEqualTo(DsJsonParser.Status.LEARN);
        TextParser textParser = new TextParser(hasher, seed, bits, false, new CbLabelParser());
        assertThat(out).as(context).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Example ec = fresh();
            byte[] b = lines.get(i).getBytes(StandardCharsets.UTF_8);
            textParser.parse(b, 0, b.length, ec);
            assertThat(textParser.takeWarnings()).as(context).isEmpty();
            assertSameFeatures(out.get(i), ec, "line " + i + context);
            assertSameLabel(out.get(i).cb, ec.cb, "line " + i + context);
        }
    }

    @Property(tries = 500)
    void dsjsonAndTextGiveTheSameFeaturesUnderDefaultHashing(@ForAll long seed, @ForAll boolean chainHash,
                                                             @ForAll @IntRange(min = 8, max = 30) int bits) {
        roundTrip(new Generator(seed, true).event(), FeatureHasher.STRINGS, 0, bits, chainHash);
    }

    @Property(tries = 300)
    void namedNamespacesAgreeForAnyHasherAndSeed(@ForAll long seed, @ForAll boolean chainHash, @ForAll boolean all,
                                                 @ForAll long hashSeed, @ForAll @IntRange(min = 8, max = 30) int bits) {
        roundTrip(new Generator(seed, false).event(), all ? FeatureHasher.ALL : FeatureHasher.STRINGS,
                hashSeed & 0xffffffffL, bits, chainHash);
    }

    // ---- robustness ------------------------------------------------------------------------

    @Provide
    Arbitrary<String> vwishText() {
        return Arbitraries.strings().withChars("|: \t'abc019.-e\r|shared").ofMaxLength(60);
    }

    @Property
    void textParserOnlyEverRejectsLabelsOnArbitraryBytes(@ForAll @Size(max = 80) byte[] line) {
        TextParser parser = new TextParser(FeatureHasher.STRINGS, 0, 18, false, new CbLabelParser());
        try {
            parser.parse(line, 0, line.length, fresh());
        } catch (InputException expected) {
            // a malformed label is the one thing the text reader refuses
        }
        parser.takeWarnings();
    }

    @Property
    void textParserOnlyEverRejectsLabelsOnVwLookingText(@ForAll("vwishText") String line) {
        TextParser parser = new TextParser(FeatureHasher.STRINGS, 0, 18, true, new CbLabelParser());
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        try {
            parser.parse(b, 0, b.length, fresh());
        } catch (InputException expected) {
            assertThat(line.indexOf('|') < 0 ? line : line.substring(0, line.indexOf('|'))).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> jsonishText() {
        return Arbitraries.strings().withChars("{}[]\":,_ac1.-e tnrul\\").ofMaxLength(60).map(s -> "{" + s);
    }

    private static void assertOnlyInputErrorsAndNoStrayFeatures(byte[] line, boolean ds) {
        DsJsonParser parser = new DsJsonParser(FeatureHasher.STRINGS, 0, 18, false, false, ds, new CbLabelParser());
        List<Example> out = new ArrayList<>();
        try {
            parser.parse(line, 0, line.length, ParseRoundTripPropertiesTest::fresh, out);
        } catch (InputException expected) {
            for (Example e : out) {
                for (int g = 0; g < 256; g++) {
                    if (!e.hasNamespace(g)) {
                        assertThat(e.isEmptyNamespace(g)).isTrue();
                    }
                }
            }
        }
    }

    @Property
    void jsonReaderOnlyEverThrowsInputErrorsOnArbitraryBytes(@ForAll @Size(max = 80) byte[] line, @ForAll boolean ds) {
        assertOnlyInputErrorsAndNoStrayFeatures(line, ds);
    }

    @Property
    void jsonReaderOnlyEverThrowsInputErrorsOnJsonLookingText(@ForAll("jsonishText") String line, @ForAll boolean ds) {
        assertOnlyInputErrorsAndNoStrayFeatures(line.getBytes(StandardCharsets.UTF_8), ds);
    }

    @Property(tries = 300)
    void jsonReaderSurvivesTruncationOfValidEvents(@ForAll long seed, @ForAll @IntRange(min = 0, max = 1000) int cut) {
        byte[] full = dsjson(new Generator(seed, true).event()).getBytes(StandardCharsets.UTF_8);
        assertOnlyInputErrorsAndNoStrayFeatures(Arrays.copyOf(full, Math.min(cut, full.length)), true);
    }
}
