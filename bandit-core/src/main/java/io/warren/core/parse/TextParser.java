package io.warren.core.parse;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.hash.FeatureHasher;
import io.warren.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;

/**
 * VW's text format, byte for byte as {@code parse_example_text.cc} reads it:
 * {@code [label words] ['tag] |ns[:weight] feat[:value] feat=str ... |ns2 ...}.
 *
 * <ul>
 *   <li>Everything before the first {@code |} is label words (after a tab, if any); the last word is
 *       a tag when it touches the bar or starts with {@code '}.
 *   <li>A namespace's index is its first byte ({@code ' '} for the unnamed one); its seed is the hash of
 *       its whole name. A feature's index is {@code hash(name, seed)} masked to the parse mask;
 *       {@code name:value} scales by value (times the namespace weight); a value that is not a number
 *       makes a string feature {@code hash(value, hash(name, seed))}; an empty name takes the
 *       namespace seed plus a running anonymous counter. Zero-valued features are dropped.
 * </ul>
 * Problems VW only warns about are reported through {@link #warnings} and parsing goes on, as VW does.
 */
public final class TextParser {
    private final FeatureHasher hasher;
    private final long hashSeed;
    private final long parseMask;
    private final boolean audit;
    private final LabelParser labelParser;
    private final Tokens words = new Tokens();
    private final VwFloat floats = new VwFloat();
    private final Warnings warnings = new Warnings();

    // Per-line cursor state.
    private byte[] line;
    private int pos;
    private int end;
    private Example ec;
    private float channelWeight;
    private long channelHash;
    private int index;
    private long anon;
    private String namespaceName;

    public TextParser(FeatureHasher hasher, long hashSeed, int bits, boolean audit, LabelParser labelParser) {
        this.hasher = hasher;
        this.hashSeed = hashSeed;
        this.parseMask = (1L << bits) - 1;
        this.audit = audit;
        this.labelParser = labelParser;
    }

    /** Warnings (VW's non-fatal "malformed example" notes) produced by the last parsed line, or empty. */
    public String takeWarnings() {
        return warnings.take();
    }

    /** Parses {@code buf[from, to)} (no trailing newline) into {@code example}, which must be reset. */
    public void parse(byte[] buf, int from, int to, Example example) {
        ec = example;
        if (to <= from) {
            ec.isNewline = true;
        }
        int bar = -1;
        for (int p = from; p < to; p++) {
            if (buf[p] == '|') {
                bar = p;
                break;
            }
        }
        words.clear(buf);
        if (bar != from) {
            int labelEnd = bar < 0 ? to : bar;
            int labelStart = from;
            for (int p = from; p < labelEnd; p++) {
                if (buf[p] == '\t') {
                    labelStart = p + 1;
                    break;
                }
            }
            words.split(buf, labelStart, labelEnd, (byte) ' ');
            if (words.size > 0) {
                int last = words.size - 1;
                if (words.end[last] == labelEnd || buf[words.start[last]] == '\'') {
                    int tagStart = words.start[last];
                    if (buf[tagStart] == '\'') {
                        tagStart++;
                    }
                    ec.setTag(buf, tagStart, words.end[last] - tagStart);
                    words.size--;
                }
            }
        }
        if (words.size > 0) {
            labelParser.parse(ec, words);
            String labelWarnings = labelParser.takeWarnings();
            if (!labelWarnings.isEmpty()) {
                warnings.builder().append(labelWarnings);
            }
        }
        if (bar >= 0) {
            parseNamespaces(buf, bar, to);
        }
    }

    private void parseNamespaces(byte[] buf, int from, int to) {
        line = buf;
        pos = from;
        end = to;
        while (pos < end && line[pos] == '|') {
            pos++;
            parseNamespace();
        }
        if (pos < end && line[pos] != '\r') {
            warn("malformed example! '|' or EOL expected");
        }
    }

    /** Bytes that end a feature or namespace: space, tab, '|', '\r' ({@link #SEPARATOR}), plus ':' ({@link #NAME_END}). */
    private static final boolean[] SEPARATOR = new boolean[256];
    private static final boolean[] NAME_END = new boolean[256];

    static {
        for (char c : new char[] {' ', '\t', '|', '\r'}) {
            SEPARATOR[c] = true;
            NAME_END[c] = true;
        }
        NAME_END[':'] = true;
    }

    private boolean atSeparator() {
        return pos >= end || SEPARATOR[line[pos] & 0xff];
    }

    private void parseNamespace() {
        channelWeight = 1f;
        anon = 0;
        boolean newIndex = false;
        if (atSeparator()) {
            index = ' ';
            newIndex = ec.isEmptyNamespace(index);
            namespaceName = " ";
            channelHash = hashSeed == 0 ? 0 : Murmur3.hash(new byte[0], 0, 0, hashSeed);
            listFeatures();
        } else if (line[pos] != ':') {
            index = line[pos] & 0xff;
            newIndex = ec.isEmptyNamespace(index);
            int nameStart = pos;
            readName();
            namespaceName = audit ? new String(line, nameStart, pos - nameStart, StandardCharsets.UTF_8) : null;
            channelHash = hasher.hash(line, nameStart, pos - nameStart, hashSeed);
            namespaceValue();
            listFeatures();
        } else {
            warn("malformed example! '|',String,space, or EOL expected");
        }
        if (newIndex && !ec.isEmptyNamespace(index)) {
            ec.addIndex(index);
        }
    }

    private void readName() {
        int p = pos;
        while (p < end && !NAME_END[line[p] & 0xff]) {
            p++;
        }
        pos = p;
    }

    private void namespaceValue() {
        if (atSeparator()) {
            return;
        }
        if (line[pos] == ':') {
            pos++;
            channelWeight = floats.parse(line, pos, end);
            int consumed = floats.consumed();
            if (consumed + pos >= end) {
                warn("malformed example! Float expected after : ");
            }
            if (Float.isNaN(channelWeight)) {
                channelWeight = 1f;
                warn("Invalid namespace value read as NaN. Replacing with 1.");
            }
            pos += consumed;
        } else {
            warn("malformed example! '|',':', space, or EOL expected");
        }
    }

    private void listFeatures() {
        while (pos < end && (line[pos] == ' ' || line[pos] == '\t')) {
            pos++;
            if (audit || !plainFeature()) {
                maybeFeature();
            }
        }
        if (!(pos >= end || line[pos] == '|' || line[pos] == '\r')) {
            warn("malformed example! '|',space, or EOL expected");
        }
    }

    /** Byte classes for {@link #plainFeature}'s name scan: 0 in a name, or the end of one, or a control byte. */
    private static final byte STOP = 1;
    private static final byte CONTROL = 2;
    private static final byte[] NAME_CLASS = new byte[256];
    /** Digits that {@link #plainFeature} reads: the fold stays below 2^24, where VW's float digits are exact. */
    private static final int PLAIN_DIGITS = 7;

    static {
        for (int c = 0; c < 0x20; c++) {
            NAME_CLASS[c] = CONTROL;
        }
        for (int c = 0; c < 256; c++) {
            if (NAME_END[c]) {
                NAME_CLASS[c] = STOP;
            }
        }
    }

    /**
     * The common feature, {@code name:value} with a plain decimal value ({@code -}, at most 7 digits with
     * or without a {@code .}, then a space, tab or the line's end), read with everything in local variables:
     * the general path below moves its cursor through fields and several calls per feature and took twice
     * as long. Gives exactly what {@link #maybeFeature} gives (the same hash, and VW's exact-digit float);
     * returns false, with nothing read, for anything else (no value, an empty, numeric or control-byte
     * name under {@code --hash strings}, string values, exponents, long numbers), which the general path
     * then reads.
     */
    private boolean plainFeature() {
        byte[] b = line;
        int e = end;
        int nameStart = pos;
        int p = nameStart;
        while (p < e) {
            byte kind = NAME_CLASS[b[p] & 0xff];
            if (kind == STOP) {
                break;
            }
            if (kind == CONTROL) {
                return false;
            }
            p++;
        }
        int nameEnd = p;
        if (nameEnd == nameStart || p + 1 >= e || b[p] != ':' || (hasher == FeatureHasher.STRINGS
                && b[nameStart] >= '0' && b[nameStart] <= '9')) {
            return false;
        }
        p++;
        // The sign is a coin toss in typical data: taken as 0 or 1 rather than a branch that mispredicts half the time.
        int negative = b[p] == '-' ? 1 : 0;
        p += negative;
        int exact = 0;
        int digits = 0;
        while (p < e && b[p] >= '0' && b[p] <= '9') {
            exact = exact * 10 + (b[p++] - '0');
            digits++;
        }
        int decimals = 0;
        if (p < e && b[p] == '.') {
            p++;
            while (p < e && b[p] >= '0' && b[p] <= '9') {
                exact = exact * 10 + (b[p++] - '0');
                decimals++;
            }
        }
        digits += decimals;
        if (digits == 0 || digits > PLAIN_DIGITS || (p < e && b[p] != ' ' && b[p] != '\t')) {
            return false;
        }
        float magnitude = exact * VwFloat.tenToMinus(decimals);
        float value = channelWeight * Float.intBitsToFloat(Float.floatToRawIntBits(magnitude) ^ (negative << 31));
        pos = p;
        if (value != 0f) {
            ec.features(index).push(value, Murmur3.hash(b, nameStart, nameEnd - nameStart, channelHash) & parseMask);
        }
        return true;
    }

    private void maybeFeature() {
        if (atSeparator()) {
            return;
        }
        int nameStart = pos;
        readName();
        int nameEnd = pos;
        float value;
        int strStart = -1;
        int strEnd = -1;
        if (atSeparator()) {
            value = channelWeight;
        } else if (line[pos] == ':') {
            pos++;
            float v = floats.parse(line, pos, end);
            int consumed = floats.consumed();
            if (consumed == 0) {
                // Not a number: the rest up to whitespace is a string value.
                while (pos < end && (line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r' || line[pos] == '\n')) {
                    pos++;
                }
                strStart = pos;
                while (pos < end && !(line[pos] == ' ' || line[pos] == '\t' || line[pos] == '\r' || line[pos] == '\n')) {
                    pos++;
                }
                strEnd = pos;
                value = 1f;
            } else {
                if (Float.isNaN(v)) {
                    v = 0f;
                    warn("Invalid feature value read as NaN. Replacing with 0.");
                }
                pos += consumed;
                value = channelWeight * v;
            }
        } else {
            warn("malformed example! '|', ':', space, or EOL expected after feature name");
            value = 0f;
        }
        long wordHash;
        boolean hasString = strStart >= 0 && strEnd > strStart;
        if (hasString) {
            long nameHash = hasher.hash(line, nameStart, nameEnd - nameStart, channelHash);
            wordHash = hasher.hash(line, strStart, strEnd - strStart, nameHash) & parseMask;
        } else if (nameEnd > nameStart) {
            wordHash = hasher.hash(line, nameStart, nameEnd - nameStart, channelHash) & parseMask;
        } else {
            wordHash = channelHash + anon++;
        }
        if (value == 0f) {
            return;
        }
        Features fs = ec.features(index);
        if (audit) {
            fs.enableAudit();
            // VW's audit form: "ns^name", "ns^name^value" for string features, no "ns^" in the default namespace.
            String name = new String(line, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
            String prefix = namespaceName.equals(" ") ? "" : namespaceName + "^";
            String auditName = hasString
                    ? prefix + name + "^" + new String(line, strStart, strEnd - strStart, StandardCharsets.UTF_8)
                    : prefix + name;
            fs.push(value, wordHash, auditName);
        } else {
            fs.push(value, wordHash);
        }
    }

    private void warn(String message) {
        warnings.add(message);
    }
}
