package io.warren.core.driver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A VW command line, parsed the way VW's boost-style parser reads it: {@code --name value},
 * {@code --name=value}, {@code -x value}, {@code -xvalue}, repeated options collecting every value,
 * and a bare argument taken as the data file. Only options Warren implements are accepted; anything
 * else is an error naming the option, so a silently ignored flag never changes results.
 */
public final class VwOptions {
    /** name -> takes a value. */
    private static final Map<String, Boolean> SPEC = new LinkedHashMap<>();
    private static final Map<String, String> SHORT = Map.of(
            "d", "data", "p", "predictions", "f", "final_regressor", "i", "initial_regressor",
            "t", "testonly", "b", "bit_precision", "l", "learning_rate", "q", "quadratic", "P", "progress",
            "c", "cache");

    static {
        for (String flag : List.of("testonly", "quiet", "noconstant", "sgd", "adaptive", "normalized", "invariant",
                "permutations", "leave_duplicate_interactions", "cb_adf", "cb_explore_adf", "rank_all", "no_predict",
                "greedify", "first_only", "nounif", "softmax", "squarecb", "elim", "regcb", "regcbopt", "synthcover",
                "dsjson", "json", "strict", "audit", "invert_hash_all", "save_resume", "predict_only_model", "cache",
                "holdout_off", "no_stdin", "first_is_baseline", "chain_hash", "ccb_explore_adf", "all_slots_loss",
                "no_predict_in_learn", "cbify_cs", "cbify_reg", "flip_loss_sign", "cb_force_legacy",
                "ccb_no_slot_index")) {
            SPEC.put(flag, false);
        }
        for (String valued : List.of("data", "predictions", "final_regressor", "initial_regressor", "bit_precision",
                "learning_rate", "power_t", "initial_t", "l1", "l2", "quadratic", "cubic", "interactions", "ignore",
                "ignore_linear", "keep", "hash", "hash_seed", "cb", "cb_explore", "cb_type", "clip_p", "epsilon",
                "first", "bag", "cover", "psi", "lambda", "gamma_scale", "gamma_exponent", "mellowness",
                "cb_min_cost", "cb_max_cost", "rnd", "rnd_alpha", "rnd_invlambda", "synthcoverpsi", "synthcoversize",
                "random_seed", "ngram", "skips", "cbify", "min_prediction", "max_prediction", "progress",
                "invert_hash", "readable_model", "passes", "loss_function", "link", "constant", "loss0", "loss1",
                "epsilon_decay")) {
            SPEC.put(valued, true);
        }
    }

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> original;

    private VwOptions(List<String> args) {
        this.original = List.copyOf(args);
    }

    public static VwOptions parse(List<String> args) {
        VwOptions o = new VwOptions(args);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name;
            String inlineValue = null;
            if (arg.startsWith("--")) {
                name = arg.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inlineValue = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
            } else if (arg.startsWith("-") && arg.length() > 1 && !isNumber(arg)) {
                String key = arg.substring(1, 2);
                name = SHORT.get(key);
                if (name == null) {
                    throw new IllegalArgumentException("unrecognised option '" + arg + "'");
                }
                if (arg.length() > 2) {
                    inlineValue = arg.substring(2);
                }
            } else {
                o.add("data", arg);
                continue;
            }
            Boolean takesValue = SPEC.get(name);
            if (takesValue == null) {
                throw new IllegalArgumentException("unrecognised option '--" + name + "'");
            }
            if (takesValue) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("option '--" + name + "' needs a value");
                    }
                    value = args.get(++i);
                }
                o.add(name, value);
            } else {
                if (inlineValue != null) {
                    throw new IllegalArgumentException("option '--" + name + "' takes no value");
                }
                o.add(name, "");
            }
        }
        return o;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void add(String name, String value) {
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, Collections.emptyList());
    }

    public String string(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    public float floatValue(String name, float fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '--" + name + "' expects a number, got '" + v + "'");
        }
    }

    public long longValue(String name, long fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option '--" + name + "' expects an integer, got '" + v + "'");
        }
    }

    public int intValue(String name, int fallback) {
        return Math.toIntExact(longValue(name, fallback));
    }

    public List<String> original() {
        return original;
    }

    /** Every option Warren accepts, for --help: flags first, then the options that take a value. */
    public static String usage() {
        StringBuilder flags = new StringBuilder();
        StringBuilder valued = new StringBuilder();
        for (Map.Entry<String, Boolean> e : SPEC.entrySet()) {
            (e.getValue() ? valued : flags).append(" --").append(e.getKey()).append(e.getValue() ? " <v>" : "");
        }
        return "warren train takes VW's command line (short forms: -d data, -p predictions, -f final model, "
                + "-i initial model, -t test only, -b bits, -l rate, -q interactions, -P progress).\n"
                + "Flags:" + flags + "\nOptions with a value:" + valued + "\nSee docs/learner.md for what each does.";
    }

    public List<String> names() {
        return new ArrayList<>(values.keySet());
    }

    public static boolean takesValue(String name) {
        return Boolean.TRUE.equals(SPEC.get(name));
    }

    /** This command line in canonical {@code --name value} form, leaving out {@code exclude}d options. */
    public List<String> toArguments(java.util.Set<String> exclude) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            if (exclude.contains(e.getKey())) {
                continue;
            }
            for (String v : e.getValue()) {
                out.add("--" + e.getKey());
                if (takesValue(e.getKey())) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Sets a default the way VW's reductions insert options for the layers below them. */
    public void insertIfAbsent(String name, String value) {
        if (!has(name)) {
            add(name, value);
        }
    }
}
