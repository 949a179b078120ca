package io.warren.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warren.core.learn.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Weights randomWeights(int bits, int strideShift, long seed) {
        Weights w = new Weights(bits, strideShift);
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < 200; i++) {
            long slot = r.nextLong(w.slots());
            for (int k = 0; k < w.stride(); k++) {
                w.set(slot, k, (float) r.nextGaussian());
            }
        }
        return w;
    }

    @Test
    void writtenModelReadsBackWithTheSameWeightsStateAndArguments() throws IOException {
        Weights written = randomWeights(12, 2, 1);
        ModelState state = new ModelState();
        state.putDouble("sd.t", 42.5);
        state.putLong("cb_adf.event_sum.0", 7);
        Path file = dir.resolve("m.wrn");
        ModelFile.write(file, "--cb_explore_adf --quadratic sa", state, written);

        Weights read = new Weights(12, 2);
        ModelFile.Header header = ModelFile.read(file, read);
        assertThat(header.arguments()).isEqualTo("--cb_explore_adf --quadratic sa");
        assertThat(header.state().getDouble("sd.t", 0)).isEqualTo(42.5);
        assertThat(header.state().getLong("cb_adf.event_sum.0", 0)).isEqualTo(7);
        assertThat(read.value).isEqualTo(written.value);
        assertThat(read.state).isEqualTo(written.state);
    }

    @Test
    void aFlippedByteIsReportedAsCorruption() throws IOException {
        Path file = dir.resolve("m.wrn");
        ModelFile.write(file, "--cb_adf", new ModelState(), randomWeights(10, 2, 2));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        assertThatThrownBy(() -> ModelFile.read(file, new Weights(10, 2)))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupt");
    }

    @Test
    void aModelForOtherBitsIsRefusedWithBothSizesNamed() throws IOException {
        Path file = dir.resolve("m.wrn");
        ModelFile.write(file, "--cb_adf", new ModelState(), randomWeights(10, 2, 3));
        assertThatThrownBy(() -> ModelFile.read(file, new Weights(12, 2)))
                .isInstanceOf(IOException.class).hasMessageContaining("-b 10").hasMessageContaining("-b 12");
    }

    @Test
    void aFileThatIsNotAWarrenModelIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("vw.model");
        Files.write(file, new byte[] {9, 0, 0, 0, '9', '.', '1', '1', 0, 0, 0, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> ModelFile.readHeader(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a Warren model file");
    }
}
