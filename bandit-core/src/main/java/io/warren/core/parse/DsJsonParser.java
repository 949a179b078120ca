package io.warren.core.parse;

import io.warren.core.example.CbLabel;
import io.warren.core.example.CcbLabel;
import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.hash.FeatureHasher;
import io.warren.core.hash.Murmur3;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * VW 9.11's JSON readers for contextual-bandit data: {@code --dsjson} (one decision-service event per
 * line) and {@code --json}, as {@code json_parser/src/parse_example_json.cc} reads them with a CB
 * label parser. {@link JsonTokens} supplies the tokens; a state machine mirroring VW's turns
 * them into examples, so the same quirks (which key sends which value where) hold.
 *
 * <h2>Features</h2>
 * An object under key {@code k} opens namespace {@code k}: its features go to namespace index
 * {@code k[0]} (first UTF-8 byte) and are hashed with seed {@code hash(k, hash_seed)}. The name is the
 * key alone, never the path of enclosing keys. Inside a namespace with seed {@code s}:
 * <ul>
 *   <li>{@code "k": 1.5}: index {@code hash(k, s) & mask}, value 1.5; zero values are dropped.
 *   <li>{@code "k": "v"}: value 1; {@code v} with space, tab, {@code |} and {@code :} turned into
 *       {@code _}; index {@code hash(k ++ v, s) & mask}, or with {@code --chain_hash}
 *       {@code hash(v, hash(k, s)) & mask} (the text format's {@code k:v} string feature).
 *   <li>{@code "k": true}: index {@code hash(k, s) & mask}, value 1; {@code false} adds nothing.
 *   <li>{@code "k": [x0, x1, ...]}: opens namespace {@code k}; numbers become anonymous features at
 *       indices {@code hash(k, seed) + i} (unmasked, zeros dropped but still counted); nulls are
 *       skipped without counting; an object element re-opens namespace {@code k} for its members.
 *   <li>{@code "_text": "a b"}: one feature per space/tab-separated word, {@code :} and {@code |} as
 *       {@code _}, index {@code hash(word, s) & mask}.
 *   <li>Other keys starting with {@code _} are skipped, except the label and structure keys below.
 * </ul>
 * The top-level context ({@code "c"} in DSJSON, the whole line in JSON) is namespace {@code " "},
 * whose seed is {@code hash(" ", hash_seed)}: with the default {@code --hash strings} and seed 0 that
 * is 0, so its features index exactly as the text format's unnamed namespace does.
 * Namespaces are listed in the example in the order they close (VW adds the index when it pops).
 *
 * <h2>Examples and label</h2>
 * {@code "_multi": [...]} makes the line multi-line: the first example becomes the shared one (it
 * gets the {@code shared} label) and each array element a new action example; {@code "_slots"}
 * elements become further examples (with a CB label they are plain extra lines). The label,
 * assembled from {@code _label_Action}, {@code _label_Cost}, {@code _label_Probability} (names after
 * {@code _label_} match case-insensitively; the values are not clamped), goes on the example
 * {@code _labelIndex + 1} when the top-level context object closes, or on the example being filled
 * when there is no {@code _labelIndex}; label keys after {@code "c"} are therefore not used, as in VW.
 *
 * <h2>CCB</h2>
 * With a {@link CcbLabelParser} the line is read as VW reads it for {@code --ccb_explore_adf}: the
 * first example is the CCB shared one, {@code _multi} elements are actions and {@code _slots}
 * elements slots. A label object's {@code _inc} becomes its example's included actions and its
 * {@code _a}/{@code _p} arrays (with {@code _label_cost}) its outcome; the top-level
 * {@code _outcomes} array labels the slots in order (and lists each first action and probability in
 * {@link #interaction}). A line with a CB label ({@code _label_Action} etc.) and no slots gets one
 * slot whose outcome is that label, the 1-based action made 0-based.
 *
 * <h2>Decision-service fields</h2>
 * {@code a} (appended), {@code p} and {@code _p} (replace), {@code _ba}, {@code EventId},
 * {@code Timestamp}, {@code pdrop}, {@code _skipLearn}, {@code _original_label_cost} are kept in
 * {@link #interaction}. After a successful parse: {@code pdrop == 1} is an error, otherwise every
 * label weight is divided by {@code 1 - pdrop}; {@code _skipLearn: true} and an empty {@code a}
 * drop the line. Anything else ({@code o}, {@code Version}, {@code VWState}, ...) is skipped; as in
 * VW, a skipped key must be followed directly by {@code :}.
 */
public final class DsJsonParser {
    /** What the caller should do with the examples of a parsed line. */
    public enum Status {
        /** Examples to learn from (a DSJSON line with actions, or any JSON line). */
        LEARN,
        /** DSJSON line that does not start with '{' (VW skips it silently). */
        NOT_JSON,
        /** DSJSON line with {@code _skipLearn: true}. */
        SKIP_LEARN,
        /** DSJSON line without {@code a} actions: a multi-line learner skips it. */
        NO_ACTIONS
    }

    /** Supplies fresh (reset) examples as the line needs them. */
    @FunctionalInterface
    public interface ExampleFactory {
        Example next();
    }

    /** VW's decision_service_interaction: the event header of one DSJSON line. */
    public static final class Interaction {
        final Utf8Scratch eventId = new Utf8Scratch();
        final Utf8Scratch timestamp = new Utf8Scratch();
        public final UIntList actions = new UIntList();
        public final FloatList probabilities = new FloatList();
        public final UIntList baselineActions = new UIntList();
        public float probabilityOfDrop;
        public float originalLabelCost;
        public float originalLabelCostFirstSlot;
        public boolean skipLearn;

        public String eventId() {
            return eventId.text();
        }

        public String timestamp() {
            return timestamp.text();
        }

        void clear() {
            eventId.length = 0;
            timestamp.length = 0;
            actions.clear();
            probabilities.clear();
            baselineActions.clear();
            probabilityOfDrop = 0f;
            originalLabelCost = 0f;
            originalLabelCostFirstSlot = 0f;
            skipLearn = false;
        }
    }

    /** A growable list of unsigned 32-bit values stored in ints. */
    public static final class UIntList {
        private int[] data = new int[8];
        private int size;

        public int size() {
            return size;
        }

        public long get(int i) {
            return Integer.toUnsignedLong(data[i]);
        }

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void clear() {
            size = 0;
        }
    }

    /** A growable list of floats. */
    public static final class FloatList {
        private float[] data = new float[8];
        private int size;

        public int size() {
            return size;
        }

        public float get(int i) {
            return data[i];
        }

        void add(float v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        void clear() {
            size = 0;
        }
    }

    private static final byte[] SPACE = {' '};
    private static final long SHARED_ACTION = Murmur3.hash("shared".getBytes(StandardCharsets.US_ASCII), 0);

    private final FeatureHasher hasher;
    private final long hashSeed;
    private final long parseMask;
    private final boolean chainHash;
    private final boolean audit;
    private final boolean decisionService;
    private final LabelParser labelParser;
    private final boolean ccb;
    private final Tokens labelWords = new Tokens();

    /** The header fields of the last line parsed with {@code --dsjson}. */
    public final Interaction interaction = new Interaction();

    // The states, one instance each as in VW (some keep data between tokens).
    private final DefaultState defaultState = new DefaultState();
    private final LabelState labelState = new LabelState();
    private final LabelObjectState labelObjectState = new LabelObjectState();
    private final LabelSinglePropertyState labelSinglePropertyState = new LabelSinglePropertyState();
    private final LabelIndexState labelIndexState = new LabelIndexState();
    private final TextState textState = new TextState();
    private final TagState tagState = new TagState();
    private final MultiState multiState = new MultiState();
    private final IgnoreState ignoreState = new IgnoreState();
    private final ArrayState arrayState = new ArrayState();
    private final SlotsState slotsState = new SlotsState();
    private final PdfState pdfState = new PdfState();
    private final GraphState graphState = new GraphState();
    private final DecisionServiceState decisionServiceState = new DecisionServiceState();
    private final FloatArrayState floatArrayState = new FloatArrayState();
    private final UIntArrayState uintArrayState = new UIntArrayState();
    private final StringState stringState = new StringState();
    private final FloatState floatState = new FloatState();
    private final OriginalLabelCostState originalLabelCostState = new OriginalLabelCostState();
    private final BoolState boolState = new BoolState();
    private final DedupState dedupState = new DedupState();
    private final SlotOutcomeListState slotOutcomeListState = new SlotOutcomeListState();

    // Per-line context.
    private State current;
    private State previous;
    private State root;
    private final Utf8Scratch keyScratch = new Utf8Scratch();
    private byte[] key;
    private int keyOff;
    private int keyLen;
    private final Utf8Scratch str = new Utf8Scratch();
    private final Utf8Scratch concat = new Utf8Scratch();
    private final JsonNumber number = new JsonNumber();
    private final StringBuilder error = new StringBuilder();
    private List<Example> examples;
    private Example ex;
    private ExampleFactory exampleFactory;
    /** The line's tokens. */
    private final JsonTokens tokens = new JsonTokens();
    private byte[] line;
    private int lineFrom;
    private int lineTo;
    private boolean ignorePending;
    private boolean indexMismatch;

    // The namespace stack (VW's namespace_path and return_path).
    private int depth;
    private int[] nsGroup = new int[8];
    private long[] nsHash = new long[8];
    private long[] nsCount = new long[8];
    private Example[] nsExample = new Example[8];
    private byte[][] nsName = new byte[8][16];
    private int[] nsNameLen = new int[8];
    private State[] returnPath = new State[8];

    /**
     * @param bits       weight bits: string and numeric feature indices are masked to them
     * @param chainHash  VW's {@code --chain_hash}: string values hash as {@code hash(v, hash(k, s))}
     * @param decisionService true for {@code --dsjson}, false for {@code --json}
     * @param labelParser reads the text label of a {@code "_label": "..."} string
     */
    public DsJsonParser(FeatureHasher hasher, long hashSeed, int bits, boolean chainHash, boolean audit,
                        boolean decisionService, LabelParser labelParser) {
        this.hasher = hasher;
        this.hashSeed = hashSeed & 0xffffffffL;
        this.parseMask = (1L << bits) - 1;
        this.chainHash = chainHash;
        this.audit = audit;
        this.decisionService = decisionService;
        this.labelParser = labelParser;
        this.ccb = labelParser instanceof CcbLabelParser;
        for (int i = 0; i < nsName.length; i++) {
            nsName[i] = new byte[16];
        }
    }

    /**
     * Parses {@code buf[from, to)} (one line, no newline) into examples taken from {@code factory} and
     * appended to {@code out} (the first is the shared example when the line has {@code _multi}).
     * Whatever the outcome, every example added to {@code out} belongs to the caller afterwards.
     *
     * @throws InputException when the line is not valid JSON, breaks VW's reader rules, or (DSJSON) has
     *                        {@code pdrop} 1; the message is VW's where VW has one
     */
    public Status parse(byte[] buf, int from, int to, ExampleFactory factory, List<Example> out) {
        if (decisionService && (to <= from || buf[from] != '{')) {
            return Status.NOT_JSON;
        }
        beginLine(buf, from, to, factory, out);
        boolean ok = false;
        try {
            run();
            ok = true;
        } finally {
            if (!ok) {
                depth = 0;
                dropUnlistedFeatures();
            } else if (indexMismatch) {
                dropUnlistedFeatures();
            }
            exampleFactory = null;
            examples = null;
            ex = null;
        }
        if (!decisionService) {
            return Status.LEARN;
        }
        float pdrop = interaction.probabilityOfDrop;
        if (pdrop == 1f) {
            throw new InputException("JSON parser error: examples with pdrop==1 are not supported");
        }
        if (pdrop != 0f) {
            for (Example e : out) {
                if (ccb) {
                    e.ccb.weight /= 1f - pdrop;
                } else {
                    e.cb.weight /= 1f - pdrop;
                }
            }
        }
        if (interaction.skipLearn) {
            return Status.SKIP_LEARN;
        }
        if (interaction.actions.size() == 0) {
            return Status.NO_ACTIONS;
        }
        return Status.LEARN;
    }

    /** Convenience for tests and tools: parses a whole line given as text. */
    public Status parse(String text, ExampleFactory factory, List<Example> out) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, factory, out);
    }

    private void beginLine(byte[] buf, int from, int to, ExampleFactory factory, List<Example> out) {
        line = buf;
        lineFrom = from;
        lineTo = to;
        exampleFactory = factory;
        examples = out;
        ex = factory.next();
        ex.cb.clear();
        out.add(ex);
        interaction.clear();
        labelObjectState.reset();
        labelIndexState.index = -1;
        originalLabelCostState.seenFirst = false;
        floatArrayState.seenArrayStart = false;
        uintArrayState.seenArrayStart = false;
        depth = 0;
        key = SPACE;
        keyOff = 0;
        keyLen = 1;
        previous = null;
        root = decisionService ? decisionServiceState : defaultState;
        current = root;
        ignorePending = false;
        indexMismatch = false;
        error.setLength(0);
    }

    private void run() {
        tokens.reset(line, lineFrom, lineTo);
        int nesting = 0;
        try {
            JsonTokens.Token t;
            while ((t = tokens.next()) != null) {
                if (ignorePending) {
                    ignorePending = false;
                    tokens.skipChildren();
                    transition(current.onUint(0));
                    if (nesting == 0) {
                        break;
                    }
                    continue;
                }
                State next;
                switch (t) {
                    case START_OBJECT -> {
                        nesting++;
                        next = current.onStartObject();
                    }
                    case END_OBJECT -> {
                        nesting--;
                        next = current.onEndObject();
                    }
                    case START_ARRAY -> {
                        nesting++;
                        next = current.onStartArray();
                    }
                    case END_ARRAY -> {
                        nesting--;
                        next = current.onEndArray();
                    }
                    case NAME -> {
                        if (!tokens.text(keyScratch)) {
                            throw fail("invalid surrogate in a key");
                        }
                        next = current.onKey(keyScratch.bytes, keyScratch.length);
                    }
                    case STRING -> {
                        if (!tokens.text(str)) {
                            throw fail("invalid surrogate in a string");
                        }
                        next = current.onString();
                    }
                    case NUMBER -> {
                        if (!number.parse(tokens.chars(), 0, tokens.numberChars())) {
                            throw fail("Number too big to be stored in double");
                        }
                        next = number.isUint ? current.onUint(number.uint) : current.onFloat(number.value);
                    }
                    case TRUE -> next = current.onBool(true);
                    case FALSE -> next = current.onBool(false);
                    default -> next = current.onNull();
                }
                transition(next);
                if (nesting == 0) {
                    break;
                }
            }
            if (nesting != 0 || tokens.current() == null) {
                throw fail("The document is empty or ends inside a value");
            }
            if (tokens.next() != null) {
                throw fail("The document root must not be followed by other values");
            }
        } catch (JsonCursor.SyntaxException e) {
            throw new InputException("JSON parser error: " + e.getMessage());
        }
    }

    private void transition(State next) {
        if (next == null) {
            throw fail("Terminate parsing due to Handler error");
        }
        previous = current;
        current = next;
    }

    private InputException fail(String reason) {
        long offset = tokens.position() - lineFrom;
        String state = current == null ? "null" : current.name;
        return new InputException("JSON parser error at " + offset + ": " + reason + ". Handler: " + error
                + "State: " + state);
    }

    // ---- namespaces -------------------------------------------------------------------------

    private void pushNamespace(byte[] name, int off, int len, State returnState) {
        if (depth == nsGroup.length) {
            int n = depth * 2;
            nsGroup = Arrays.copyOf(nsGroup, n);
            nsHash = Arrays.copyOf(nsHash, n);
            nsCount = Arrays.copyOf(nsCount, n);
            nsExample = Arrays.copyOf(nsExample, n);
            nsNameLen = Arrays.copyOf(nsNameLen, n);
            returnPath = Arrays.copyOf(returnPath, n);
            nsName = Arrays.copyOf(nsName, n);
            for (int i = depth; i < n; i++) {
                nsName[i] = new byte[16];
            }
        }
        int cLen = Utf8Scratch.cLength(name, off, len);
        if (nsName[depth].length < len) {
            nsName[depth] = new byte[Math.max(len, nsName[depth].length * 2)];
        }
        System.arraycopy(name, off, nsName[depth], 0, len);
        nsNameLen[depth] = cLen;
        nsGroup[depth] = cLen == 0 ? 0 : name[off] & 0xff;
        nsHash[depth] = hasher.hash(name, off, cLen, hashSeed);
        nsCount[depth] = 0;
        nsExample[depth] = ex;
        returnPath[depth] = returnState;
        depth++;
    }

    private State popNamespace() {
        if (depth == 0) {
            error.append("no namespace is open");
            return null;
        }
        depth--;
        if (nsCount[depth] > 0) {
            int group = nsGroup[depth];
            if (!ex.hasNamespace(group)) {
                ex.features(group);
                ex.addIndex(group);
            }
            if (nsExample[depth] != ex) {
                indexMismatch = true;
            }
        }
        nsExample[depth] = null;
        return returnPath[depth];
    }

    private boolean requireNamespace() {
        if (depth == 0) {
            error.append("a feature outside any namespace");
            return false;
        }
        return true;
    }

    private void addFeature(float value, long index, String auditName) {
        if (value == 0f) {
            return;
        }
        int top = depth - 1;
        Features fs = nsExample[top].features(nsGroup[top]);
        if (audit) {
            fs.enableAudit();
            fs.push(value, index, auditName);
        } else {
            fs.push(value, index);
        }
        nsCount[top]++;
    }

    /** VW's add_feature(str): value 1, index {@code hash(str, namespace seed) & mask}, never dropped. */
    private void addStringFeature(byte[] s, int off, int len, String auditName) {
        int top = depth - 1;
        long index = hasher.hash(s, off, len, nsHash[top]) & parseMask;
        Features fs = nsExample[top].features(nsGroup[top]);
        if (audit) {
            fs.enableAudit();
            fs.push(1f, index, auditName);
        } else {
            fs.push(1f, index);
        }
        nsCount[top]++;
    }

    private String auditName(String feature, String value) {
        int top = depth - 1;
        String ns = new String(nsName[top], 0, nsNameLen[top], StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        if (!ns.isEmpty() && !ns.equals(" ")) {
            sb.append(ns).append('^');
        }
        sb.append(feature);
        if (value != null && !value.isEmpty()) {
            sb.append('^').append(value);
        }
        return sb.toString();
    }

    private String keyText() {
        return new String(key, keyOff, Utf8Scratch.cLength(key, keyOff, keyLen), StandardCharsets.UTF_8);
    }

    /** Features of a failed line, or pushed where VW would not list them, must not outlive the line. */
    private void dropUnlistedFeatures() {
        for (Example e : examples) {
            for (int g = 0; g < e.featureSpace.length; g++) {
                Features fs = e.featureSpace[g];
                if (fs != null && fs.size > 0 && !e.hasNamespace(g)) {
                    fs.clear();
                }
            }
        }
    }

    private Example newExample() {
        Example e = exampleFactory.next();
        e.cb.clear();
        examples.add(e);
        return e;
    }

    // ---- key helpers ------------------------------------------------------------------------

    private void setKey(byte[] b, int len) {
        key = b;
        keyOff = 0;
        keyLen = len;
    }

    private boolean keyIs(String literal) {
        return bytesEqual(key, keyOff, keyLen, literal, false);
    }

    /** C's strcasecmp(key, literal) == 0: the key up to its first NUL equals the literal, ignoring ASCII case. */
    private boolean keyIsIgnoreCase(String literal) {
        return bytesEqual(key, keyOff, Utf8Scratch.cLength(key, keyOff, keyLen), literal, true);
    }

    private static boolean bytesEqual(byte[] b, int off, int len, String literal, boolean ignoreCase) {
        if (len != literal.length()) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            int c = b[off + i];
            int l = literal.charAt(i);
            if (ignoreCase) {
                c = lower(c);
                l = lower(l);
            }
            if (c != l) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] b, int off, int len, String prefix) {
        if (len < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[off + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private boolean strIsNaN() {
        return bytesEqual(str.bytes, 0, str.cLength(), "NaN", true);
    }

    /**
     * VW's fast skip of a key it does not use: the byte at the key's opening quote plus its decoded
     * length plus 2 (right after the closing quote, for a key without escapes) must be ':'; the value
     * itself is then read as the number 0 by the state it returns to.
     */
    private State ignoreValue(int length) {
        long quote = keyQuoteOffset();
        long head = lineFrom + quote + length + 2;
        if (quote < 0 || head >= lineTo || line[(int) head] != ':') {
            error.append("Expected ':' found '").append(head >= 0 && head < lineTo ? (char) (line[(int) head] & 0xff) : '?')
                    .append('\'');
            return null;
        }
        if (head + 1 >= lineTo) {
            error.append("Found EOF");
            return null;
        }
        ignorePending = true;
        return ignoreState;
    }

    /** Offset (from the line start) of the current key's opening quote. */
    private long keyQuoteOffset() {
        return tokens.nameQuote() - lineFrom;
    }

    // ---- states -----------------------------------------------------------------------------

    private abstract class State {
        final String name;

        State(String name) {
            this.name = name;
        }

        State onNull() {
            return previous == null ? this : previous;
        }

        State onBool(boolean b) {
            error.append("Unexpected token: bool (").append(b).append(')');
            return null;
        }

        State onFloat(float v) {
            error.append("Unexpected token: float (").append(v).append(')');
            return null;
        }

        State onUint(long v) {
            error.append("Unexpected token: uint (").append(v).append(')');
            return null;
        }

        State onString() {
            error.append("Unexpected token: std::string('").append(str.text()).append("' len: ").append(str.length)
                    .append(')');
            return null;
        }

        State onStartObject() {
            error.append("Unexpected token: {");
            return null;
        }

        State onKey(byte[] k, int len) {
            error.append("Unexpected token: key('").append(new String(k, 0, len, StandardCharsets.UTF_8))
                    .append("' len: ").append(len).append(')');
            return null;
        }

        State onEndObject() {
            error.append("Unexpected token: }");
            return null;
        }

        State onStartArray() {
            error.append("Unexpected token: [");
            return null;
        }

        State onEndArray() {
            error.append("Unexpected token: ]");
            return null;
        }
    }

    /** Accepts a pdf array of {left, right, pdf_value, chosen_action} objects; CB has no use for it. */
    private final class PdfState extends State {
        State returnState;
        private State objectReturnState;

        PdfState() {
            super("ArrayToPdfObject");
        }

        @Override
        State onStartObject() {
            objectReturnState = previous;
            return this;
        }

        @Override
        State onKey(byte[] k, int len) {
            setKey(k, len);
            return this;
        }

        @Override
        State onString() {
            if (!strIsNaN()) {
                error.append("The only supported string in the array is 'NaN'");
                return null;
            }
            return this;
        }

        @Override
        State onStartArray() {
            return this;
        }

        @Override
        State onEndArray() {
            return returnState;
        }

        @Override
        State onFloat(float v) {
            if (keyIsIgnoreCase("left") || keyIsIgnoreCase("right") || keyIsIgnoreCase("pdf_value")
                    || keyIsIgnoreCase("chosen_action")) {
                return this;
            }
            error.append("Unsupported label property: '").append(keyText()).append("' len: ").append(keyLen);
            return null;
        }

        @Override
        State onUint(long v) {
            return onFloat((float) v);
        }

        @Override
        State onEndObject() {
            return objectReturnState;
        }
    }

    /** Accepts a graph-feedback array of {row, col, val} objects; plain CB ignores it. */
    private final class GraphState extends State {
        private State returnState;
        private State objectReturnState;

        GraphState() {
            super("ArrayToGraphObject");
        }

        @Override
        State onStartObject() {
            objectReturnState = previous;
            return this;
        }

        @Override
        State onKey(byte[] k, int len) {
            setKey(k, len);
            return this;
        }

        @Override
        State onStartArray() {
            returnState = previous;
            return this;
        }

        @Override
        State onEndArray() {
            return returnState;
        }

        @Override
        State onFloat(float v) {
            if (keyIsIgnoreCase("val")) {
                return this;
            }
            error.append("Unsupported label property: '").append(keyText()).append("' len: ").append(keyLen);
            return null;
        }

        @Override
        State onUint(long v) {
            if (keyIsIgnoreCase("val") || keyIsIgnoreCase("row") || keyIsIgnoreCase("col")) {
                return this;
            }
            error.append("Unsupported label property: '").append(keyText()).append("' len: ").append(keyLen);
            return null;
        }

        @Override
        State onEndObject() {
            return objectReturnState;
        }
    }

    /** The label being assembled ({@code _label_*} keys or a {@code _label} object) and CCB extras. */
    private final class LabelObjectState extends State {
        int action;
        float cost;
        float probability;
        boolean found;
        boolean foundCb;
        boolean foundCbContinuous;
        final UIntList actions = new UIntList();
        final FloatList probs = new FloatList();
        final UIntList inc = new UIntList();
        private State returnState;

        LabelObjectState() {
            super("LabelObject");
        }

        void reset() {
            resetLabel();
            found = false;
            foundCb = false;
            foundCbContinuous = false;
            actions.clear();
            probs.clear();
            inc.clear();
        }

        private void resetLabel() {
            action = 0;
            cost = CbLabel.NO_COST;
            probability = -1f;
        }

        @Override
        State onStartObject() {
            if (ccb) {
                ex.ccb.clear();
            } else {
                ex.cb.clear();
            }
            if (previous == this) {
                error.append("invalid label object. nested objected.");
                return null;
            }
            returnState = previous;
            return this;
        }

        @Override
        State onKey(byte[] k, int len) {
            setKey(k, len);
            return this;
        }

        private State unsupported() {
            error.append("Unsupported label property: '").append(keyText()).append("' len: ").append(keyLen);
            return null;
        }

        @Override
        State onString() {
            if (!strIsNaN()) {
                error.append("Unsupported label property: '").append(keyText()).append("' len: ").append(keyLen)
                        .append(". The only string value supported in this context is NaN.");
                return null;
            }
            if (keyIsIgnoreCase("Label") || keyIsIgnoreCase("Initial") || keyIsIgnoreCase("Weight")) {
                found = true;
            } else if (keyIsIgnoreCase("Cost")) {
                if (!foundCbContinuous) {
                    cost = Float.NaN;
                    foundCb = true;
                }
            } else if (keyIsIgnoreCase("Probability")) {
                probability = Float.NaN;
                foundCb = true;
            } else if (!(keyIsIgnoreCase("Pdf_value") && foundCbContinuous)) {
                return unsupported();
            }
            return this;
        }

        @Override
        State onFloat(float v) {
            if (keyIsIgnoreCase("Label") || keyIsIgnoreCase("Initial") || keyIsIgnoreCase("Weight")) {
                // Simple-label fields: cb_adf's csoaa_ldf layer resets them, so they change nothing.
                found = true;
            } else if (keyIsIgnoreCase("Action")) {
                if (!foundCbContinuous) {
                    action = (int) (long) v;
                    foundCb = true;
                }
            } else if (keyIsIgnoreCase("Cost")) {
                if (!foundCbContinuous) {
                    cost = v;
                    foundCb = true;
                }
            } else if (keyIsIgnoreCase("Probability")) {
                probability = v;
                foundCb = true;
            } else if (!(keyIsIgnoreCase("Pdf_value") && foundCbContinuous)) {
                return unsupported();
            }
            return this;
        }

        @Override
        State onUint(long v) {
            return onFloat((float) v);
        }

        @Override
        State onEndObject() {
            inject();
            return returnState;
        }

        /** VW's LabelObjectState::EndObject: the assembled label goes on {@code ex}. */
        void inject() {
            if (ccb) {
                injectCcb();
            } else if (foundCb) {
                ex.cb.add(action, cost, probability);
                foundCb = false;
                resetLabel();
            } else if (foundCbContinuous) {
                foundCbContinuous = false;
            } else if (found) {
                found = false;
            }
        }

        /** CCB: included actions, and an outcome when both {@code _a} and {@code _p} were given. */
        private void injectCcb() {
            CcbLabel label = ex.ccb;
            for (int i = 0; i < inc.size(); i++) {
                label.addIncluded((int) inc.get(i));
            }
            inc.clear();
            if (actions.size() != 0 && probs.size() != 0) {
                if (actions.size() != probs.size()) {
                    throw new InputException("Actions and probabilities must be the same length.");
                }
                label.hasOutcome = true;
                label.cost = cost;
                label.outcomeSize = 0;
                for (int i = 0; i < actions.size(); i++) {
                    label.addOutcomeProbability((int) actions.get(i), probs.get(i));
                }
                actions.clear();
                probs.clear();
                resetLabel();
            }
        }

        /** VW turns a CB-labelled line without slots into one slot carrying that label. */
        void addSlotForCbLabel() {
            for (Example e : examples) {
                if (e.ccb.type == CcbLabel.Type.SLOT) {
                    return;
                }
            }
            if (!foundCb) {
                return;
            }
            ex = newExample();
            ex.ccb.type = CcbLabel.Type.SLOT;
            ex.ccb.hasOutcome = true;
            ex.ccb.cost = cost;
            ex.ccb.addOutcomeProbability(action - 1, probability);
        }
    }

    /** A {@code _label_<property>} scalar: forwarded to the label object with the prefix dropped. */
    private final class LabelSinglePropertyState extends State {
        LabelSinglePropertyState() {
            super("LabelSingleProperty");
        }

        @Override
        State onStartObject() {
            return labelObjectState.onStartObject();
        }

        private void skipPrefix() {
            keyOff += 7;
            keyLen -= 7;
        }

        @Override
        State onFloat(float v) {
            skipPrefix();
            return labelObjectState.onFloat(v) == null ? null : previous;
        }

        @Override
        State onString() {
            skipPrefix();
            return labelObjectState.onString() == null ? null : previous;
        }

        @Override
        State onUint(long v) {
            skipPrefix();
            return labelObjectState.onUint(v) == null ? null : previous;
        }
    }

    private final class LabelIndexState extends State {
        int index = -1;

        LabelIndexState() {
            super("LabelIndex");
        }

        @Override
        State onUint(long v) {
            index = (int) v;
            return previous;
        }
    }

    /** {@code "_label"}: a text label string, or a label object. */
    private final class LabelState extends State {
        LabelState() {
            super("Label");
        }

        @Override
        State onStartObject() {
            return labelObjectState.onStartObject();
        }

        @Override
        State onString() {
            labelWords.split(str.bytes, 0, str.cLength(), (byte) ' ');
            labelParser.parse(ex, labelWords);
            return previous;
        }

        @Override
        State onFloat(float v) {
            error.append("Numeric _label is not supported for label type cb");
            return null;
        }

        @Override
        State onUint(long v) {
            return onFloat(v);
        }
    }

    /** {@code "_text"}: whitespace-separated words, each a feature of the current namespace. */
    private final class TextState extends State {
        TextState() {
            super("text");
        }

        @Override
        State onString() {
            if (!requireNamespace()) {
                return null;
            }
            byte[] b = str.bytes;
            int end = str.length;
            int start = 0;
            for (int p = 0; p < end; p++) {
                byte c = b[p];
                if (c == ' ' || c == '\t') {
                    if (p - start > 0) {
                        word(b, start, p);
                    }
                    start = p + 1;
                } else if (c == ':' || c == '|') {
                    b[p] = '_';
                }
            }
            if (start < end) {
                word(b, start, end);
            }
            return previous;
        }

        private void word(byte[] b, int from, int to) {
            int len = Utf8Scratch.cLength(b, from, to - from);
            addStringFeature(b, from, len,
                    audit ? auditName(new String(b, from, len, StandardCharsets.UTF_8), null) : null);
        }
    }

    /** {@code "_tag"}: appended to the current example's tag. */
    private final class TagState extends State {
        TagState() {
            super("tag");
        }

        @Override
        State onString() {
            int n = ex.tagLength + str.length;
            if (ex.tag.length < n) {
                ex.tag = Arrays.copyOf(ex.tag, n);
            }
            System.arraycopy(str.bytes, 0, ex.tag, ex.tagLength, str.length);
            ex.tagLength = n;
            return previous;
        }
    }

    /** {@code "_multi"}: marks the current example shared; each element object is a new action example. */
    private final class MultiState extends State {
        MultiState() {
            super("Multi");
        }

        @Override
        State onStartArray() {
            if (ccb) {
                ex.ccb.type = CcbLabel.Type.SHARED;
            } else {
                ex.cb.add((int) SHARED_ACTION, CbLabel.NO_COST, -1f);
            }
            return this;
        }

        @Override
        State onStartObject() {
            ex = newExample();
            if (ccb) {
                ex.ccb.type = CcbLabel.Type.ACTION;
            }
            pushNamespace(SPACE, 0, 1, this);
            return defaultState;
        }

        @Override
        State onEndArray() {
            ex = examples.get(0);
            return defaultState;
        }
    }

    /** {@code "_slots"}: each element object is a new example: a CCB slot, or a plain extra line under a CB label. */
    private final class SlotsState extends State {
        private State saved;
        private State savedRoot;

        SlotsState() {
            super("Slots");
        }

        @Override
        State onStartArray() {
            saved = popNamespace();
            if (saved == null) {
                return null;
            }
            savedRoot = root;
            root = this;
            return this;
        }

        @Override
        State onStartObject() {
            ex = newExample();
            if (ccb) {
                ex.ccb.type = CcbLabel.Type.SLOT;
            }
            labelIndexState.index = examples.size() - 2;
            pushNamespace(SPACE, 0, 1, this);
            return defaultState;
        }

        @Override
        State onEndArray() {
            ex = examples.get(0);
            pushNamespace(SPACE, 0, 1, saved);
            root = savedRoot;
            return defaultState;
        }
    }

    /** A feature array {@code "k": [...]}: anonymous numeric features in namespace {@code k}. */
    private final class ArrayState extends State {
        private long arrayHash;

        ArrayState() {
            super("Array");
        }

        @Override
        State onStartArray() {
            if (previous == this) {
                error.append("Nested arrays are not supported");
                return null;
            }
            pushNamespace(key, keyOff, keyLen, previous);
            arrayHash = nsHash[depth - 1];
            return this;
        }

        @Override
        State onFloat(float f) {
            addFeature(f, arrayHash, audit ? auditName("[" + (arrayHash - nsHash[depth - 1]) + "]", null) : null);
            arrayHash++;
            return this;
        }

        @Override
        State onUint(long v) {
            return onFloat((float) v);
        }

        @Override
        State onNull() {
            return this;
        }

        @Override
        State onStartObject() {
            if (depth > 0) {
                int top = depth - 1;
                pushNamespace(nsName[top], 0, nsNameLen[top], this);
            } else {
                pushNamespace(SPACE, 0, 1, this);
            }
            return defaultState;
        }

        @Override
        State onEndArray() {
            return popNamespace();
        }
    }

    /** The value of a skipped key, which VW rewrites to the number 0. */
    private final class IgnoreState extends State {
        IgnoreState() {
            super("Ignore");
        }

        @Override
        State onUint(long v) {
            return previous;
        }
    }

    /** Features of a namespace object, and the reserved {@code _} keys inside it. */
    private final class DefaultState extends State {
        DefaultState() {
            super("Default");
        }

        @Override
        State onKey(byte[] k, int length) {
            setKey(k, length);
            if (length == 0 || k[0] != '_') {
                return this;
            }
            if (startsWith(k, 0, length, "_label")) {
                if (length >= 7 && k[6] == '_') {
                    if (length >= 9 && k[7] == 'c' && k[8] == 'a') {
                        labelObjectState.foundCbContinuous = true;
                    }
                    return labelSinglePropertyState;
                } else if (length == 6) {
                    return labelState;
                } else if (length == 11 && keyIsIgnoreCase("_labelIndex")) {
                    return labelIndexState;
                }
                error.append("Unsupported key '").append(keyText()).append("' len: ").append(length);
                return null;
            }
            if (length == 5 && keyIs("_text")) {
                return textState;
            }
            if (length == 6 && keyIs("_multi")) {
                if (examples.size() > 1) {
                    error.append("Nested _multi is not supported");
                    return null;
                }
                return multiState;
            }
            if (length == 6 && keyIs("_graph")) {
                return graphState;
            }
            if (length == 6 && keyIs("_slots")) {
                return slotsState;
            }
            if (length == 4 && keyIsIgnoreCase("_tag")) {
                return tagState;
            }
            if (length == 4 && keyIsIgnoreCase("_inc")) {
                return uintArrayState.target(labelObjectState.inc, this);
            }
            if (length == 2 && k[1] == 'a') {
                return uintArrayState.target(labelObjectState.actions, this);
            }
            if (length == 2 && k[1] == 'p') {
                if (root == decisionServiceState) {
                    // VW rewrites the value to 0 here but still reads it as a probability array.
                    ignoreValue(length);
                }
                return floatArrayState.target(labelObjectState.probs, false, this);
            }
            if (length == 8 && startsWith(k, 0, length, "_slot_id")) {
                error.append("Can only use _slot_id with slates examples");
                return null;
            }
            if (length == 20 && startsWith(k, 0, length, "_original_label_cost")) {
                if (!decisionService) {
                    error.append("_original_label_cost is only valid in DSJson");
                    return null;
                }
                originalLabelCostState.returnState = this;
                return originalLabelCostState;
            }
            if (length == 5 && keyIsIgnoreCase("__aid")) {
                dedupState.returnState = this;
                return dedupState;
            }
            return ignoreValue(length);
        }

        @Override
        State onString() {
            if (!requireNamespace()) {
                return null;
            }
            byte[] v = str.bytes;
            int vLen = str.length;
            for (int p = 0; p < vLen; p++) {
                byte c = v[p];
                if (c == ' ' || c == '\t' || c == '|' || c == ':') {
                    v[p] = '_';
                }
            }
            int top = depth - 1;
            if (chainHash) {
                int kc = Utf8Scratch.cLength(key, keyOff, keyLen);
                int vc = str.cLength();
                long nameHash = hasher.hash(key, keyOff, kc, nsHash[top]);
                long index = hasher.hash(v, 0, vc, nameHash) & parseMask;
                Features fs = nsExample[top].features(nsGroup[top]);
                if (audit) {
                    fs.enableAudit();
                    fs.push(1f, index, auditName(keyText(), new String(v, 0, vc, StandardCharsets.UTF_8)));
                } else {
                    fs.push(1f, index);
                }
                nsCount[top]++;
            } else {
                concat.ensure(keyLen + vLen);
                System.arraycopy(key, keyOff, concat.bytes, 0, keyLen);
                System.arraycopy(v, 0, concat.bytes, keyLen, vLen);
                concat.length = keyLen + vLen;
                int cLen = concat.cLength();
                addStringFeature(concat.bytes, 0, cLen,
                        audit ? auditName(new String(concat.bytes, 0, cLen, StandardCharsets.UTF_8), null) : null);
            }
            return this;
        }

        @Override
        State onBool(boolean b) {
            if (!requireNamespace()) {
                return null;
            }
            if (b) {
                addStringFeature(key, keyOff, Utf8Scratch.cLength(key, keyOff, keyLen), audit ? auditName(keyText(), null) : null);
            }
            return this;
        }

        @Override
        State onStartObject() {
            pushNamespace(key, keyOff, keyLen, this);
            return this;
        }

        @Override
        State onEndObject() {
            State returnState = popNamespace();
            if (returnState == null) {
                return null;
            }
            if (depth == 0) {
                int labelIndex = labelIndexState.index;
                if (labelIndex >= 0) {
                    labelIndex++;
                    if (labelIndex >= examples.size()) {
                        error.append("Out of bounds error: _labelIndex must be smaller than number of actions! _labelIndex=")
                                .append(labelIndex - 1).append(" Number of actions=").append(examples.size() - 1)
                                .append(' ');
                        return null;
                    }
                    ex = examples.get(labelIndex);
                    labelIndexState.index = -1;
                }
                labelObjectState.inject();
                if (ccb) {
                    labelObjectState.addSlotForCbLabel();
                }
            }
            return depth == 0 ? root : returnState;
        }

        @Override
        State onFloat(float f) {
            if (!requireNamespace()) {
                return null;
            }
            int top = depth - 1;
            int kc = Utf8Scratch.cLength(key, keyOff, keyLen);
            long index = hasher.hash(key, keyOff, kc, nsHash[top]) & parseMask;
            addFeature(f, index, audit ? auditName(keyText(), null) : null);
            return this;
        }

        @Override
        State onUint(long v) {
            return onFloat((float) v);
        }

        @Override
        State onStartArray() {
            return arrayState.onStartArray();
        }
    }

    /** Base of VW's ArrayToVectorState: a number, NaN string or null alone, or an array of them. */
    private abstract class VectorState extends State {
        State returnState;
        boolean seenArrayStart;

        VectorState(String name) {
            super(name);
        }

        abstract void push(float value);

        abstract void pushUint(long value);

        @Override
        State onStartArray() {
            if (previous == this) {
                error.append("Nested arrays are not supported");
                return null;
            }
            seenArrayStart = true;
            return this;
        }

        private State afterValue() {
            return seenArrayStart ? this : returnState;
        }

        @Override
        State onString() {
            if (!strIsNaN()) {
                error.append("The only supported string in the array is 'NaN'");
                return null;
            }
            push(Float.NaN);
            return afterValue();
        }

        @Override
        State onUint(long v) {
            pushUint(v);
            return afterValue();
        }

        @Override
        State onFloat(float v) {
            push(v);
            return afterValue();
        }

        @Override
        State onNull() {
            return afterValue();
        }

        @Override
        State onEndArray() {
            seenArrayStart = false;
            return returnState;
        }
    }

    private final class FloatArrayState extends VectorState {
        private FloatList out;

        FloatArrayState() {
            super("ArrayToVectorState");
        }

        State target(FloatList list, boolean clear, State back) {
            if (clear) {
                list.clear();
            }
            out = list;
            returnState = back;
            return this;
        }

        @Override
        void push(float value) {
            out.add(value);
        }

        @Override
        void pushUint(long value) {
            out.add((float) value);
        }
    }

    private final class UIntArrayState extends VectorState {
        private UIntList out;

        UIntArrayState() {
            super("ArrayToVectorState");
        }

        State target(UIntList list, State back) {
            out = list;
            returnState = back;
            return this;
        }

        @Override
        void push(float value) {
            // static_cast<unsigned>: NaN reads as unsigned's quiet NaN, which is 0.
            out.add(Float.isNaN(value) ? 0 : (int) (long) value);
        }

        @Override
        void pushUint(long value) {
            out.add((int) value);
        }
    }

    /** {@code EventId}, {@code Timestamp}: a string (or null). */
    private final class StringState extends State {
        private Utf8Scratch out;
        private State returnState;

        StringState() {
            super("StringToStringState");
        }

        State target(Utf8Scratch o, State back) {
            out = o;
            returnState = back;
            return this;
        }

        @Override
        State onString() {
            out.set(str.bytes, 0, str.length);
            return returnState;
        }

        @Override
        State onNull() {
            return returnState;
        }
    }

    /** {@code pdrop}: a number; null reads as 0. */
    private final class FloatState extends State {
        FloatState() {
            super("FloatToFloatState");
        }

        @Override
        State onFloat(float v) {
            interaction.probabilityOfDrop = v;
            return decisionServiceState;
        }

        @Override
        State onUint(long v) {
            return onFloat((float) v);
        }

        @Override
        State onNull() {
            interaction.probabilityOfDrop = 0f;
            return decisionServiceState;
        }
    }

    /** {@code _original_label_cost}: summed; the first value is also kept. */
    private final class OriginalLabelCostState extends State {
        State returnState;
        private boolean seenFirst;

        OriginalLabelCostState() {
            super("FloatToFloatState_OriginalLabelCostHack");
        }

        @Override
        State onFloat(float v) {
            interaction.originalLabelCost += v;
            if (!seenFirst) {
                seenFirst = true;
                interaction.originalLabelCostFirstSlot = v;
            }
            return returnState;
        }

        @Override
        State onUint(long v) {
            return onFloat((float) v);
        }

        @Override
        State onNull() {
            return returnState;
        }
    }

    /** {@code _skipLearn}: a boolean. */
    private final class BoolState extends State {
        BoolState() {
            super("BoolToBoolState");
        }

        @Override
        State onBool(boolean b) {
            interaction.skipLearn = b;
            return decisionServiceState;
        }
    }

    /** {@code __aid}: feature deduplication, which needs a dedup table this reader never has. */
    private final class DedupState extends State {
        State returnState;

        DedupState() {
            super("UIntDedupState");
        }

        @Override
        State onUint(long v) {
            error.append("dedup id not found: ").append(v);
            return null;
        }
    }

    /**
     * {@code _outcomes}: the i-th object labels the i-th slot (examples are counted from the first
     * that is not a slot: under a CB label no example is a slot, which VW rejects).
     */
    private final class SlotOutcomeListState extends State {
        private int slotIndex;
        private State savedRoot;

        SlotOutcomeListState() {
            super("SlotOutcomeList");
        }

        @Override
        State onStartArray() {
            slotIndex = 0;
            if (ccb) {
                for (Example e : examples) {
                    if (e.ccb.type != CcbLabel.Type.SLOT) {
                        slotIndex++;
                    }
                }
            }
            if (slotIndex == 0) {
                error.append("Badly formed ccb example. Shared example is required.");
                return null;
            }
            savedRoot = root;
            root = this;
            return this;
        }

        @Override
        State onStartObject() {
            if (slotIndex >= examples.size()) {
                error.append("more outcomes than slots");
                return null;
            }
            ex = examples.get(slotIndex);
            labelIndexState.index = slotIndex - 1;
            slotIndex++;
            pushNamespace(SPACE, 0, 1, this);
            return defaultState;
        }

        @Override
        State onEndArray() {
            for (Example e : examples) {
                if (e.ccb.type == CcbLabel.Type.SLOT && e.ccb.hasOutcome) {
                    interaction.actions.add(e.ccb.chosenAction());
                    interaction.probabilities.add(e.ccb.chosenProbability());
                }
            }
            root = savedRoot;
            return decisionServiceState;
        }
    }

    /** The top level of a DSJSON line. */
    private final class DecisionServiceState extends State {
        DecisionServiceState() {
            super("DecisionService");
        }

        @Override
        State onStartObject() {
            return this;
        }

        @Override
        State onEndObject() {
            return this;
        }

        @Override
        State onKey(byte[] k, int length) {
            if (length == 1) {
                switch (k[0]) {
                    case 'a':
                        return uintArrayState.target(interaction.actions, this);
                    case 'p':
                        return floatArrayState.target(interaction.probabilities, true, this);
                    case 'c':
                        setKey(SPACE, 1);
                        return defaultState;
                    default:
                        break;
                }
            } else if (length == 3 && startsWith(k, 0, length, "pdf")) {
                pdfState.returnState = this;
                return pdfState;
            } else if (length == 5 && startsWith(k, 0, length, "pdrop")) {
                return floatState;
            } else if (length == 7 && startsWith(k, 0, length, "EventId")) {
                return stringState.target(interaction.eventId, this);
            } else if (length == 9 && startsWith(k, 0, length, "Timestamp")) {
                return stringState.target(interaction.timestamp, this);
            } else if (length > 0 && k[0] == '_') {
                if (startsWith(k, 0, length, "_label")) {
                    setKey(k, length);
                    if (length >= 7 && k[6] == '_') {
                        if (length >= 9 && k[7] == 'c' && k[8] == 'a') {
                            labelObjectState.foundCbContinuous = true;
                        }
                        return labelSinglePropertyState;
                    } else if (length == 6) {
                        return labelState;
                    } else if (length == 11 && keyIsIgnoreCase("_labelIndex")) {
                        return labelIndexState;
                    }
                } else if (length == 10 && startsWith(k, 0, length, "_skipLearn")) {
                    return boolState;
                } else if (length == 9 && startsWith(k, 0, length, "_outcomes")) {
                    return slotOutcomeListState;
                } else if (length == 2 && k[1] == 'p') {
                    return floatArrayState.target(interaction.probabilities, true, this);
                } else if (length == 20 && startsWith(k, 0, length, "_original_label_cost")) {
                    originalLabelCostState.returnState = this;
                    return originalLabelCostState;
                } else if (length == 3 && startsWith(k, 0, length, "_ba")) {
                    return uintArrayState.target(interaction.baselineActions, this);
                }
            }
            return ignoreValue(length);
        }
    }
}
