package io.warren.core.model;

import io.warren.core.learn.Weights;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Warren's model file. All integers little-endian:
 * <pre>
 *   0        4        8            12
 *   +--------+--------+------------+----------------------------+
 *   | "WRNM" | format | args length| args (UTF-8 VW command line)|
 *   +--------+--------+------------+----------------------------+
 *   | state count | (key length, key, value length, value)*      |
 *   +-------------+----------------------------------------------+
 *   | bits | stride shift | non-empty slots N | N x (slot index: int64, stride floats) |
 *   +------+--------------+-------------------+----------------------------------------+
 *   | CRC32C of everything above (int32)                          |
 *   +-------------------------------------------------------------+
 * </pre>
 * Only slots with a non-zero float are written, so sparse models stay small. A file whose checksum
 * does not match is rejected as corrupt; the file is written to a temporary name and moved into place.
 */
public final class ModelFile {
    public static final int FORMAT = 1;
    private static final byte[] MAGIC = "WRNM".getBytes(StandardCharsets.US_ASCII);

    private ModelFile() {}

    /** What a model file holds before its weights are read into a table. */
    public record Header(String arguments, ModelState state, int bits, int strideShift) {}

    public static void write(Path path, String arguments, ModelState state, Weights weights) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        CRC32C crc = new CRC32C();
        try (OutputStream file = Files.newOutputStream(tmp);
             CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc);
             LittleEndianOut out = new LittleEndianOut(checked)) {
            out.raw(MAGIC);
            out.int32(FORMAT);
            out.string(arguments);
            out.int32(state.asMap().size());
            for (Map.Entry<String, String> e : state.asMap().entrySet()) {
                out.string(e.getKey());
                out.string(e.getValue());
            }
            out.int32(weights.bits);
            out.int32(weights.strideShift);
            long slots = weights.slots();
            long nonEmpty = 0;
            for (long from = 0; from < slots; from += SCAN_BLOCK) {
                nonEmpty += countNonEmpty(weights, from, Math.min(slots, from + SCAN_BLOCK));
            }
            out.int64(nonEmpty);
            for (long from = 0; from < slots; from += SCAN_BLOCK) {
                writeNonEmpty(out, weights, from, Math.min(slots, from + SCAN_BLOCK));
            }
            out.flush();
            int checksum = (int) crc.getValue();
            out.int32Unchecked(file, checksum);
        }
        Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Slots scanned per call. The table is scanned block by block, so the scan is compiled like any method
     * called often: `warren train` runs without on-stack replacement (it cost the JIT more than it saved),
     * and one loop over all 2^b slots would then stay interpreted (with -b 24, most of a second).
     */
    private static final int SCAN_BLOCK = 1024;

    private static long countNonEmpty(Weights weights, long from, long to) {
        int stride = weights.stride();
        long count = 0;
        for (long s = from; s < to; s++) {
            if (!emptySlot(weights, s, stride)) {
                count++;
            }
        }
        return count;
    }

    private static void writeNonEmpty(LittleEndianOut out, Weights weights, long from, long to) throws IOException {
        int stride = weights.stride();
        for (long s = from; s < to; s++) {
            if (!emptySlot(weights, s, stride)) {
                out.int64(s);
                for (int k = 0; k < stride; k++) {
                    out.float32(weights.get(s, k));
                }
            }
        }
    }

    private static boolean emptySlot(Weights weights, long slot, int stride) {
        for (int k = 0; k < stride; k++) {
            if (weights.get(slot, k) != 0f) {
                return false;
            }
        }
        return true;
    }

    /** Reads only the header (arguments and state); the stream is left at the weights. */
    public static Header readHeader(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return readHeader(new LittleEndianIn(new DataInputStream(new BufferedInputStream(in))), path);
        }
    }

    private static Header readHeader(LittleEndianIn in, Path path) throws IOException {
        byte[] magic = in.raw(4);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException(path + ": not a Warren model file (VW binary models need the VW format adapter)");
        }
        int format = in.int32();
        if (format != FORMAT) {
            throw new IOException(path + ": model format " + format + " is not supported (expected " + FORMAT + ")");
        }
        String arguments = in.string();
        int count = in.int32();
        ModelState state = new ModelState();
        for (int i = 0; i < count; i++) {
            state.putString(in.string(), in.string());
        }
        int bits = in.int32();
        int strideShift = in.int32();
        return new Header(arguments, state, bits, strideShift);
    }

    /**
     * Verifies the checksum and loads the weights into {@code weights}, whose bits and stride must match
     * the file's. Returns the header.
     */
    public static Header read(Path path, Weights weights) throws IOException {
        byte[] all = Files.readAllBytes(path);
        if (all.length < 8) {
            throw new IOException(path + ": model file is truncated");
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 4);
        int stored = ByteBuffer.wrap(all, all.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if ((int) crc.getValue() != stored) {
            throw new IOException(path + ": model file is corrupt (checksum mismatch)");
        }
        try (InputStream bytes = new java.io.ByteArrayInputStream(all, 0, all.length - 4)) {
            LittleEndianIn in = new LittleEndianIn(new DataInputStream(bytes));
            Header header = readHeader(in, path);
            if (header.bits() != weights.bits || header.strideShift() != weights.strideShift) {
                throw new IOException(path + ": model has -b " + header.bits() + " and stride 2^" + header.strideShift()
                        + " but the options need -b " + weights.bits + " and stride 2^" + weights.strideShift);
            }
            long nonEmpty = in.int64();
            int stride = weights.stride();
            for (long i = 0; i < nonEmpty; i++) {
                long slot = in.int64();
                if (slot < 0 || slot >= weights.slots()) {
                    throw new IOException(path + ": weight index " + slot + " out of range");
                }
                for (int k = 0; k < stride; k++) {
                    weights.set(slot, k, in.float32());
                }
            }
            return header;
        }
    }

    /** Little-endian primitive writer over a stream. */
    private static final class LittleEndianOut implements AutoCloseable {
        private final DataOutputStream out;
        private final byte[] buf = new byte[8];

        LittleEndianOut(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        void raw(byte[] b) throws IOException {
            out.write(b);
        }

        void int32(int v) throws IOException {
            ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v);
            out.write(buf, 0, 4);
        }

        void int64(long v) throws IOException {
            ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).putLong(0, v);
            out.write(buf, 0, 8);
        }

        void float32(float v) throws IOException {
            int32(Float.floatToRawIntBits(v));
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int32(b.length);
            out.write(b);
        }

        void flush() throws IOException {
            out.flush();
        }

        /** Writes past the checksummed stream, straight to the file. */
        void int32Unchecked(OutputStream file, int v) throws IOException {
            ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v);
            file.write(buf, 0, 4);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** Little-endian primitive reader. */
    private static final class LittleEndianIn {
        private final DataInputStream in;
        private final byte[] buf = new byte[8];

        LittleEndianIn(DataInputStream in) {
            this.in = in;
        }

        byte[] raw(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }

        int int32() throws IOException {
            in.readFully(buf, 0, 4);
            return ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        }

        long int64() throws IOException {
            in.readFully(buf, 0, 8);
            return ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        }

        float float32() throws IOException {
            return Float.intBitsToFloat(int32());
        }

        String string() throws IOException {
            int n = int32();
            if (n < 0 || n > (1 << 24)) {
                throw new IOException("model file: bad string length " + n);
            }
            return new String(raw(n), StandardCharsets.UTF_8);
        }
    }
}
