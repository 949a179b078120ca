package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.core.example.Example;
import io.warren.core.example.MulticlassLabel;
import io.warren.core.hash.FeatureHasher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MulticlassLabelParserTest {
    private final MulticlassLabelParser labels = new MulticlassLabelParser();
    private final TextParser parser = new TextParser(FeatureHasher.STRINGS, 0, 18, false, labels);

    private Example parse(String line) {
        Example ec = new Example();
        ec.reset();
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        parser.parse(bytes, 0, bytes.length, ec);
        return ec;
    }

    @Test
    void readsTheClassWithUnitWeight() {
        Example ec = parse("7 | seven");
        assertThat(ec.multi.label).isEqualTo(7);
        assertThat(labels.weight(ec)).isEqualTo(1f);
        assertThat(labels.isTest(ec)).isFalse();
        assertThat(ec.multi.display()).isEqualTo("7");
    }

    @Test
    void readsAnImportanceWeightAfterTheClass() {
        Example ec = parse("3 0.25 | x");
        assertThat(ec.multi.label).isEqualTo(3);
        assertThat(labels.weight(ec)).isEqualTo(0.25f);
    }

    @Test
    void aLineWithoutLabelIsATestExample() {
        Example ec = parse("| x y");
        assertThat(ec.multi.label).isEqualTo(MulticlassLabel.NONE);
        assertThat(labels.isTest(ec)).isTrue();
        assertThat(ec.multi.display()).isEqualTo("unknown");
    }

    @Test
    void minusOneWrapsToTheUnlabelledValueAsInVw() {
        assertThat(labels.isTest(parse("-1 | x"))).isTrue();
    }

    @Test
    void classesFromIntMaxUpAreShownAsUnknown() {
        Example ec = parse("-2 | x");
        assertThat(labels.isTest(ec)).isFalse();
        assertThat(ec.multi.display()).isEqualTo("unknown");
    }

    @Test
    void trailingCharactersAfterTheClassAreRejected() {
        assertThatThrownBy(() -> parse("2:1 | x")).isInstanceOf(InputException.class)
                .hasMessageContaining("trailing character(s): :");
        assertThatThrownBy(() -> parse("two | x")).isInstanceOf(InputException.class)
                .hasMessageContaining("trailing character(s): t");
    }

    @Test
    void moreThanTwoLabelWordsAreRejected() {
        assertThatThrownBy(() -> parse("1 2 3 | x")).isInstanceOf(InputException.class)
                .hasMessageContaining("words.size() = 3");
    }

    @Test
    void aWeightThatIsNotANumberBecomesZeroWithAWarning() {
        Example ec = parse("4 heavy | x");
        assertThat(ec.multi.label).isEqualTo(4);
        assertThat(labels.weight(ec)).isZero();
        assertThat(parser.takeWarnings()).contains("'heavy' is not a good float, replacing with 0");
    }

    @Test
    void aNegativeWeightCountsAsZero() {
        Example ec = parse("4 -2 | x");
        assertThat(ec.multi.weight).isEqualTo(-2f);
        assertThat(labels.weight(ec)).isZero();
    }
}
