package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.core.example.CbLabel;
import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.hash.FeatureHasher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected indices below were worked out from VW 9.11's parse_example_json.cc and hashstring by an
 * independent MurmurHash3 implementation (18 bits, seed 0 unless stated):
 * namespace "u" seeds with 1646279392; "ctx" with 2703190673; "x" with murmur("x").
 */
class DsJsonParserTest {
    private static final String LINE = "{\"_label_cost\":-1,\"_label_probability\":0.5,\"_label_Action\":2,"
            + "\"_labelIndex\":1,\"Version\":\"1\",\"EventId\":\"ev-1\",\"Timestamp\":\"2024-01-01T00:00:00Z\","
            + "\"a\":[2,1],\"c\":{\"u\":{\"age\":25,\"city\":\"NY C\",\"vip\":true,\"no\":false},"
            + "\"_text\":\"red|x blue\",\"ctx\":[0.5,0,2],"
            + "\"_multi\":[{\"x\":{\"id\":\"a\"}},{\"x\":{\"id\":\"b\"},\"7\":3,\"_tag\":\"t2\"}]},"
            + "\"p\":[0.5,0.5],\"VWState\":{\"m\":\"abc/def\"},\"_original_label_cost\":1}";

    private static final int U = 'u';
    private static final int C = 'c';
    private static final int X = 'x';
    private static final int DEFAULT = ' ';

    private final List<Example> out = new ArrayList<>();

    private static DsJsonParser dsjson(boolean chainHash) {
        return new DsJsonParser(FeatureHasher.STRINGS, 0, 18, chainHash, false, true, new CbLabelParser());
    }

    private static DsJsonParser.ExampleFactory fresh() {
        return () -> {
            Example e = new Example();
            e.reset();
            return e;
        };
    }

    private DsJsonParser.Status parse(DsJsonParser parser, String line) {
        out.clear();
        return parser.parse(line, fresh(), out);
    }

    private static long[] indices(Example ec, int ns) {
        Features fs = ec.featureSpace[ns];
        return fs == null ? new long[0] : java.util.Arrays.copyOf(fs.indices, fs.size);
    }

    private static float[] values(Example ec, int ns) {
        Features fs = ec.featureSpace[ns];
        return fs == null ? new float[0] : java.util.Arrays.copyOf(fs.values, fs.size);
    }

    private static int[] listed(Example ec) {
        return java.util.Arrays.copyOf(ec.indices, ec.numIndices);
    }

    @Test
    void multiMakesASharedExampleAndOneExamplePerAction() {
        assertThat(parse(dsjson(false), LINE)).isEqualTo(DsJsonParser.Status.LEARN);
        assertThat(out).hasSize(3);
        assertThat(out.get(0).cb.isHeader()).isTrue();
        assertThat(out.get(0).cb.action[0]).isEqualTo(357971040);
        assertThat(out.get(0).cb.cost[0]).isEqualTo(CbLabel.NO_COST);
    }

    @Test
    void nestedObjectIsANamespaceSeededByTheHashOfItsKey() {
        parse(dsjson(false), LINE);
        Example shared = out.get(0);
        // age -> hash("age", hash("u")), city "NY C" -> hash("cityNY_C", ...), vip:true -> hash("vip", ...)
        assertThat(indices(shared, U)).containsExactly(221056L, 37704L, 122038L);
        assertThat(values(shared, U)).containsExactly(25f, 1f, 1f);
    }

    @Test
    void chainHashHashesTheValueWithTheKeyHashAsSeed() {
        parse(dsjson(true), LINE);
        assertThat(indices(out.get(0), U)).containsExactly(221056L, 210480L, 122038L);
    }

    @Test
    void numberArrayIsAnonymousFeaturesCountingZerosButDroppingThem() {
        parse(dsjson(false), LINE);
        assertThat(indices(out.get(0), C)).containsExactly(2703190673L, 2703190675L);
        assertThat(values(out.get(0), C)).containsExactly(0.5f, 2f);
    }

    @Test
    void textFieldSplitsOnWhitespaceAndEscapesBarsAndColons() {
        parse(dsjson(false), LINE);
        assertThat(indices(out.get(0), DEFAULT)).containsExactly(95271L, 258307L);
    }

    @Test
    void namespacesAreListedInTheOrderTheyClose() {
        parse(dsjson(false), LINE);
        assertThat(listed(out.get(0))).containsExactly(U, C, DEFAULT);
        assertThat(listed(out.get(2))).containsExactly(X, DEFAULT);
    }

    @Test
    void namespaceOrderMatchesVwsSlatesDomParserCase() {
        // VW's ParseDsjson.SlatesDomParser expects indices a, d, c, b, ' ' for this context
        parse(dsjson(true), "{\"c\": {\"aFloatFeature\": 1.0, \"aStringFeature\": \"value\","
                + " \"dArray\": [1, 2.0, {\"aIntFeature\": 5, \"aNamespace\": {\"bIntFeature\": 1}}],"
                + " \"bNamespace\": {\"cIntFeature\": 1, \"cNamespace\": {\"aBoolFeature\": true}},"
                + " \"eNamespace\": {\"bBoolFeature\": false}, \"_multi\": [], \"_slots\": []}}");
        assertThat(out).hasSize(1);
        assertThat(listed(out.get(0))).containsExactly((int) 'a', (int) 'd', (int) 'c', (int) 'b', DEFAULT);
        assertThat(indices(out.get(0), DEFAULT)).hasSize(2);
        assertThat(indices(out.get(0), 'a')).hasSize(1);
        assertThat(indices(out.get(0), 'b')).hasSize(1);
        assertThat(indices(out.get(0), 'c')).hasSize(1);
        assertThat(indices(out.get(0), 'd')).hasSize(3);
        assertThat(indices(out.get(0), 'e')).isEmpty();
    }

    @Test
    void actionFeaturesLandOnTheirOwnExample() {
        parse(dsjson(false), LINE);
        assertThat(indices(out.get(1), X)).containsExactly(97738L);
        assertThat(indices(out.get(2), X)).containsExactly(51384L);
        // "7" in the unnamed namespace: digits hash to their value plus the namespace seed 0
        assertThat(indices(out.get(2), DEFAULT)).containsExactly(7L);
        assertThat(values(out.get(2), DEFAULT)).containsExactly(3f);
        assertThat(out.get(2).tagString()).isEqualTo("t2");
    }

    @Test
    void labelGoesOnTheActionAtLabelIndex() {
        parse(dsjson(false), LINE);
        assertThat(out.get(1).cb.size).isZero();
        CbLabel l = out.get(2).cb;
        assertThat(l.size).isEqualTo(1);
        assertThat(l.action[0]).isEqualTo(2);
        assertThat(l.cost[0]).isEqualTo(-1f);
        assertThat(l.probability[0]).isEqualTo(0.5f);
    }

    @Test
    void headerFieldsAreKeptInTheInteraction() {
        DsJsonParser p = dsjson(false);
        parse(p, LINE);
        assertThat(p.interaction.eventId()).isEqualTo("ev-1");
        assertThat(p.interaction.timestamp()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(p.interaction.actions.size()).isEqualTo(2);
        assertThat(p.interaction.actions.get(0)).isEqualTo(2L);
        assertThat(p.interaction.probabilities.get(1)).isEqualTo(0.5f);
        assertThat(p.interaction.originalLabelCost).isEqualTo(1f);
    }

    @Test
    void withoutLabelIndexTheLabelJoinsTheSharedExample() {
        parse(dsjson(false), "{\"_label_cost\":1,\"_label_probability\":0.25,\"a\":[1],"
                + "\"c\":{\"_multi\":[{\"f\":1},{\"f\":2}]}}");
        CbLabel shared = out.get(0).cb;
        assertThat(shared.size).isEqualTo(2);
        assertThat(shared.isHeader()).isFalse();
        assertThat(shared.cost[1]).isEqualTo(1f);
        assertThat(out.get(1).cb.size).isZero();
        assertThat(out.get(2).cb.size).isZero();
    }

    @Test
    void labelKeysAfterTheContextAreNotUsed() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"_multi\":[{\"f\":1},{\"f\":2}]},\"_label_cost\":1,"
                + "\"_label_probability\":0.25,\"_labelIndex\":0}");
        assertThat(out.get(1).cb.size).isZero();
        assertThat(out.get(0).cb.isHeader()).isTrue();
    }

    @Test
    void labelPropertyNamesIgnoreCaseAndProbabilitiesAreNotClamped() {
        parse(dsjson(false), "{\"_label_COST\":2,\"_label_Probability\":1.5,\"_label_action\":1,\"_labelindex\":0,"
                + "\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]}}");
        CbLabel l = out.get(1).cb;
        assertThat(l.size).isEqualTo(1);
        assertThat(l.cost[0]).isEqualTo(2f);
        assertThat(l.probability[0]).isEqualTo(1.5f);
    }

    @Test
    void nanLabelStringsAreAccepted() {
        parse(dsjson(false), "{\"_label_cost\":\"NaN\",\"_label_probability\":\"nan\",\"_labelIndex\":0,"
                + "\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]}}");
        assertThat(out.get(1).cb.cost[0]).isNaN();
        assertThat(out.get(1).cb.probability[0]).isNaN();
    }

    @Test
    void unknownLabelPropertyIsAnError() {
        assertThatThrownBy(() -> parse(dsjson(false), "{\"_label_foo\":1,\"a\":[1],\"c\":{}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Unsupported label property");
    }

    @Test
    void labelIndexBeyondTheActionsIsAnError() {
        assertThatThrownBy(() -> parse(dsjson(false),
                "{\"_label_cost\":1,\"_labelIndex\":2,\"a\":[1],\"c\":{\"_multi\":[{\"f\":1},{\"f\":2}]}}"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("_labelIndex must be smaller than number of actions! _labelIndex=2 Number of actions=2");
    }

    @Test
    void labelIndexMustBeAnUnsignedInteger() {
        assertThatThrownBy(() -> parse(dsjson(false), "{\"_labelIndex\":1.0,\"a\":[1],\"c\":{}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Unexpected token: float");
        assertThatThrownBy(() -> parse(dsjson(false), "{\"_labelIndex\":-0,\"a\":[1],\"c\":{}}"))
                .isInstanceOf(InputException.class);
    }

    @Test
    void skipLearnDropsTheLine() {
        assertThat(parse(dsjson(false), "{\"_skipLearn\":true,\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]}}"))
                .isEqualTo(DsJsonParser.Status.SKIP_LEARN);
        assertThat(parse(dsjson(false), "{\"_skipLearn\":false,\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]}}"))
                .isEqualTo(DsJsonParser.Status.LEARN);
    }

    @Test
    void lineWithoutActionsIsSkipped() {
        assertThat(parse(dsjson(false), "{\"c\":{\"_multi\":[{\"f\":1}]}}")).isEqualTo(DsJsonParser.Status.NO_ACTIONS);
        assertThat(parse(dsjson(false), "{\"a\":[],\"c\":{\"_multi\":[{\"f\":1}]}}"))
                .isEqualTo(DsJsonParser.Status.NO_ACTIONS);
    }

    @Test
    void singleActionNumberCountsAsAnActionList() {
        DsJsonParser p = dsjson(false);
        assertThat(parse(p, "{\"a\":3,\"c\":{\"_multi\":[{\"f\":1}]}}")).isEqualTo(DsJsonParser.Status.LEARN);
        assertThat(p.interaction.actions.get(0)).isEqualTo(3L);
    }

    @Test
    void theLastTopLevelProbabilityListWinsAndOneInsideTheContextIsIgnored() {
        // VW's ParseDsjson.PDuplicates
        DsJsonParser p = dsjson(true);
        parse(p, "{\"c\": {\"_p\": [0.4, 0.6]}, \"p\": [0.4, 0.3, 0.3], \"_p\": [0.5, 0.5]}");
        assertThat(p.interaction.probabilities.size()).isEqualTo(2);
        assertThat(p.interaction.probabilities.get(0)).isEqualTo(0.5f);
        assertThat(p.interaction.probabilities.get(1)).isEqualTo(0.5f);
    }

    @Test
    void nanLabelAndProbabilitiesParseAsInVwsCbWithNanCase() {
        // VW's ParseDsjson.CbWithNan, on one line
        String line = "{\"_label_cost\": \"NaN\", \"_label_probability\": \"NaN\", \"_label_Action\": 2,"
                + " \"_labelIndex\": 1, \"o\": [{\"v\": \"NaN\", \"EventId\": \"123\", \"ActionTaken\": false}],"
                + " \"Timestamp\": \"2020-01-15T16:23:36.8640000Z\", \"Version\": \"1\", \"EventId\": \"abc\","
                + " \"a\": [2, 1, 0], \"c\": {\"shared_feature\":1.0, \"_multi\": [{\"id\": \"a\"}, {\"id\": \"b\"},"
                + " {\"id\": \"c\"}]}, \"p\": [\"NaN\", \"NaN\", \"NaN\"]}";
        DsJsonParser p = dsjson(true);
        assertThat(parse(p, line)).isEqualTo(DsJsonParser.Status.LEARN);
        assertThat(out).hasSize(4);
        assertThat(out.get(0).cb.isHeader()).isTrue();
        assertThat(out.get(1).cb.size).isZero();
        assertThat(out.get(2).cb.size).isEqualTo(1);
        assertThat(out.get(2).cb.action[0]).isEqualTo(2);
        assertThat(out.get(2).cb.cost[0]).isNaN();
        assertThat(out.get(2).cb.probability[0]).isNaN();
        assertThat(out.get(3).cb.size).isZero();
        assertThat(p.interaction.probabilities.get(2)).isNaN();
        assertThat(p.interaction.eventId()).isEqualTo("abc");
    }

    @Test
    void lineNotStartingWithABraceIsNotJson() {
        assertThat(parse(dsjson(false), " {\"a\":[1]}")).isEqualTo(DsJsonParser.Status.NOT_JSON);
        assertThat(parse(dsjson(false), "")).isEqualTo(DsJsonParser.Status.NOT_JSON);
        assertThat(out).isEmpty();
    }

    @Test
    void pdropDividesEveryLabelWeight() {
        parse(dsjson(false), "{\"pdrop\":0.2,\"a\":[1],\"c\":{\"_multi\":[{\"f\":1},{\"f\":2}]}}");
        for (Example e : out) {
            assertThat(e.cb.weight).isEqualTo(1f / (1f - 0.2f));
        }
    }

    @Test
    void pdropOfOneIsAnError() {
        assertThatThrownBy(() -> parse(dsjson(false), "{\"pdrop\":1,\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("pdrop==1");
    }

    @Test
    void malformedJsonIsAnInputError() {
        assertThatThrownBy(() -> parse(dsjson(false), "{\"a\":[1],\"c\":{\"f\":1}"))
                .isInstanceOf(InputException.class).hasMessageContaining("JSON parser error");
        assertThatThrownBy(() -> parse(dsjson(false), "{\"a\":[1]} trailing"))
                .isInstanceOf(InputException.class);
        assertThatThrownBy(() -> parse(dsjson(false), "{\"a\":[1]}{}"))
                .isInstanceOf(InputException.class);
    }

    @Test
    void skippedKeyMustBeFollowedDirectlyByAColon() {
        assertThatThrownBy(() -> parse(dsjson(false), "{\"Version\" :\"1\",\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Expected ':' found ' '");
        assertThat(parse(dsjson(false), "{\"Version\": \"1\",\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]}}"))
                .isEqualTo(DsJsonParser.Status.LEARN);
    }

    @Test
    void skippedKeyWithAnEscapeFailsTheColonCheckAsInVw() {
        // VW looks for ':' at the key's start plus its decoded length plus 2, inside the raw escape here
        assertThatThrownBy(() -> parse(dsjson(false), "{\"_a\\\"b\":1,\"a\":[1],\"c\":{}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Expected ':' found '\"'");
        assertThatThrownBy(() -> parse(dsjson(false), "{\"a\":[1],\"c\":{\"_\\u0041\":1}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Expected ':' found '0'");
    }

    @Test
    void underscoreKeysInsideTheContextAreSkippedWhateverTheirValue() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"_id\":{\"x\":[1,{\"y\":2}]},\"_n\":null,\"f\":1,"
                + "\"_multi\":[{\"_p\":[0.5],\"g\":1}]}}");
        assertThat(indices(out.get(0), DEFAULT)).hasSize(1);
        assertThat(listed(out.get(0))).containsExactly(DEFAULT);
        assertThat(indices(out.get(1), DEFAULT)).hasSize(1);
    }

    @Test
    void nestedMultiIsAnError() {
        assertThatThrownBy(() -> parse(dsjson(false),
                "{\"a\":[1],\"c\":{\"_multi\":[{\"_multi\":[{\"f\":1}]}]}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Nested _multi");
    }

    @Test
    void nestedArraysAreAnError() {
        assertThatThrownBy(() -> parse(dsjson(false), "{\"a\":[1],\"c\":{\"v\":[1,[2]]}}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Nested arrays");
    }

    @Test
    void nullsInAFeatureArrayDoNotTakeAPosition() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"ctx\":[null,1,null,1]}}");
        assertThat(indices(out.get(0), C)).containsExactly(2703190673L, 2703190674L);
    }

    @Test
    void objectInsideAFeatureArrayReopensTheArraysNamespace() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"ctx\":[1,{\"k\":2}]}}");
        // "k" hashed with the seed of "ctx", not of the unnamed namespace
        assertThat(indices(out.get(0), C)).containsExactly(2703190673L, 204148L);
    }

    @Test
    void falseAndZeroAddNothingAndAnEmptyNamespaceIsNotListed() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"u\":{\"f\":false,\"z\":0,\"d\":0.0}}}");
        assertThat(out.get(0).numIndices).isZero();
    }

    @Test
    void keysAreHashedAsUtf8AfterUnescaping() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"u\":{\"caf\\u00e9\":1,\"a\\u0067e\":1}}}");
        assertThat(indices(out.get(0), U)).containsExactly(178899L, 221056L);
    }

    @Test
    void digitKeysHashToTheirValuePlusTheNamespaceSeed() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"u\":{\"42\":1}}}");
        assertThat(indices(out.get(0), U)).containsExactly((42L + 1646279392L) & ((1 << 18) - 1));
    }

    @Test
    void unnamedNamespaceSeedIsTheHashOfASpace() {
        DsJsonParser seeded = new DsJsonParser(FeatureHasher.STRINGS, 5, 18, false, false, true, new CbLabelParser());
        parse(seeded, "{\"a\":[1],\"c\":{\"7\":1}}");
        assertThat(indices(out.get(0), DEFAULT)).containsExactly(12L);
        DsJsonParser all = new DsJsonParser(FeatureHasher.ALL, 0, 18, false, false, true, new CbLabelParser());
        parse(all, "{\"a\":[1],\"c\":{\"7\":1}}");
        // murmur("7", murmur(" ", 0)): unlike the text format, whose unnamed namespace seed stays 0
        assertThat(indices(out.get(0), DEFAULT)).containsExactly(233694L);
    }

    @Test
    void slotsBecomeExtraExamplesUnderACbLabel() {
        parse(dsjson(false), "{\"_label_cost\":1,\"_label_probability\":0.5,\"a\":[1],"
                + "\"c\":{\"_multi\":[{\"f\":1},{\"f\":2}],\"_slots\":[{\"s\":1},{\"s\":2}]}}");
        assertThat(out).hasSize(5);
        // the first slot object ends with no namespace open, so it takes the pending label
        assertThat(out.get(3).cb.size).isEqualTo(1);
        assertThat(out.get(3).cb.cost[0]).isEqualTo(1f);
        assertThat(out.get(4).cb.size).isZero();
    }

    @Test
    void outcomesNeedCcbSlotsAndFailUnderACbLabel() {
        assertThatThrownBy(() -> parse(dsjson(false), "{\"a\":[1],\"c\":{\"_multi\":[{\"f\":1}]},\"_outcomes\":[{}]}"))
                .isInstanceOf(InputException.class).hasMessageContaining("Badly formed ccb example");
    }

    @Test
    void failedLineLeavesNoFeaturesBehindInReusedExamples() {
        DsJsonParser p = dsjson(false);
        List<Example> pool = new ArrayList<>();
        DsJsonParser.ExampleFactory factory = () -> {
            Example e = pool.isEmpty() ? new Example() : pool.remove(pool.size() - 1);
            e.reset();
            return e;
        };
        out.clear();
        assertThatThrownBy(() -> p.parse("{\"a\":[1],\"c\":{\"u\":{\"f\":1,\"g\":[1,[", factory, out))
                .isInstanceOf(InputException.class);
        pool.addAll(out);
        out.clear();
        p.parse("{\"a\":[1],\"c\":{\"v\":1}}", factory, out);
        assertThat(out.get(0).isEmptyNamespace(U)).isTrue();
        assertThat(out.get(0).isEmptyNamespace('g')).isTrue();
    }

    @Test
    void jsonModeReadsTheWholeLineAsTheContext() {
        DsJsonParser p = new DsJsonParser(FeatureHasher.STRINGS, 0, 18, false, false, false, new CbLabelParser());
        parse(p, "{\"_label\":\"1:2:0.5\",\"u\":{\"age\":25}}");
        assertThat(out).hasSize(1);
        assertThat(indices(out.get(0), U)).containsExactly(221056L);
        assertThat(out.get(0).cb.size).isEqualTo(1);
        assertThat(out.get(0).cb.cost[0]).isEqualTo(2f);
        assertThat(out.get(0).cb.probability[0]).isEqualTo(0.5f);
    }

    @Test
    void sameFeaturesInTextFormatGetTheSameIndices() {
        parse(dsjson(true), LINE);
        TextParser text = new TextParser(FeatureHasher.STRINGS, 0, 18, false, new CbLabelParser());
        Example shared = new Example();
        shared.reset();
        byte[] line = "shared |u age:25 city:NY_C vip |ctx :0.5 :0 :2 | red_x blue".getBytes(StandardCharsets.UTF_8);
        text.parse(line, 0, line.length, shared);
        for (int ns : new int[] {U, C, DEFAULT}) {
            assertThat(indices(out.get(0), ns)).as("namespace %c", (char) ns).containsExactly(indices(shared, ns));
            assertThat(values(out.get(0), ns)).containsExactly(values(shared, ns));
        }
        Example action = new Example();
        action.reset();
        byte[] second = "2:-1:0.5 |x id:b | 7:3".getBytes(StandardCharsets.UTF_8);
        text.parse(second, 0, second.length, action);
        assertThat(indices(out.get(2), X)).containsExactly(indices(action, X));
        assertThat(indices(out.get(2), DEFAULT)).containsExactly(indices(action, DEFAULT));
        assertThat(out.get(2).cb.action[0]).isEqualTo(action.cb.action[0]);
        assertThat(out.get(2).cb.cost[0]).isEqualTo(action.cb.cost[0]);
        assertThat(out.get(2).cb.probability[0]).isEqualTo(action.cb.probability[0]);
    }

    @Test
    void withoutChainHashAStringFeatureIsTheTextFeatureNamedKeyThenValue() {
        parse(dsjson(false), "{\"a\":[1],\"c\":{\"u\":{\"city\":\"NY C\"}}}");
        TextParser text = new TextParser(FeatureHasher.STRINGS, 0, 18, false, new CbLabelParser());
        Example ec = new Example();
        ec.reset();
        byte[] line = "|u cityNY_C".getBytes(StandardCharsets.UTF_8);
        text.parse(line, 0, line.length, ec);
        assertThat(indices(out.get(0), U)).containsExactly(indices(ec, U));
    }

    @Test
    void auditNamesFollowVwsNamespaceCaretNameForm() {
        DsJsonParser p = new DsJsonParser(FeatureHasher.STRINGS, 0, 18, true, true, true, new CbLabelParser());
        parse(p, "{\"a\":[1],\"c\":{\"u\":{\"age\":2,\"city\":\"x\"},\"f\":1,\"v\":[3]}}");
        Features u = out.get(0).featureSpace[U];
        assertThat(u.auditNames[0]).isEqualTo("u^age");
        assertThat(u.auditNames[1]).isEqualTo("u^city^x");
        assertThat(out.get(0).featureSpace[DEFAULT].auditNames[0]).isEqualTo("f");
        assertThat(out.get(0).featureSpace['v'].auditNames[0]).isEqualTo("v^[0]");
    }
}
