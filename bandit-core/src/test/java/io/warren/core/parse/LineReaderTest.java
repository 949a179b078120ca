package io.warren.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private static List<String> read(byte[] bytes) throws IOException {
        List<String> out = new ArrayList<>();
        try (LineReader r = new LineReader(new ByteArrayInputStream(bytes))) {
            while (r.next()) {
                out.add(new String(r.buffer(), r.start(), r.length(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void splitsLinesAndDropsCarriageReturnsAndByteOrderMark() throws IOException {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] text = "a b\r\n\nlast".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(text, 0, all, 3, text.length);
        assertThat(read(all)).containsExactly("a b", "", "last");
    }

    @Test
    void linesLongerThanAReadChunkArriveWhole() throws IOException {
        String longLine = "x".repeat(300_000);
        String input = "first\n" + longLine + "\nshort\n";
        assertThat(read(input.getBytes(StandardCharsets.UTF_8))).containsExactly("first", longLine, "short");
    }

    @Test
    void manyLinesAcrossChunkBoundariesKeepTheirContentAndNumbers() throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String line = "line " + i + " " + "y".repeat(i % 13);
            expected.add(line);
            sb.append(line).append('\n');
        }
        assertThat(read(sb.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void gzipInputIsReadTransparently() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(read(bytes.toByteArray())).containsExactly("one", "two");
    }

    @Test
    void newlineSearchFindsEveryPositionInAWord() {
        for (int pos = 0; pos < 20; pos++) {
            byte[] b = new byte[20];
            java.util.Arrays.fill(b, (byte) 'a');
            b[pos] = '\n';
            assertThat(LineReader.findNewline(b, 0, 20)).isEqualTo(pos);
        }
        assertThat(LineReader.findNewline(new byte[] {'a', 'b'}, 0, 2)).isEqualTo(-1);
    }
}
