package io.warren.core.example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Parsing, normalising and wildcard expansion of namespace interactions ({@code -q}, {@code --cubic},
 * {@code --interactions}) the way VW does it:
 * interactions are sorted by length then lexicographically; unless duplicates are kept, two that are
 * the same multiset collapse into the first; an interaction with a repeated namespace is stored
 * sorted so equal namespaces sit together ({@code aab}, {@code abb}), others keep their order.
 * {@code :} is a wildcard over every printable namespace seen so far in the data.
 */
public final class Interactions {
    private Interactions() {}

    /** The namespace bytes of one interaction argument, with {@code \xNN} escapes decoded. */
    public static int[] parse(String arg) {
        List<Integer> out = new ArrayList<>();
        byte[] bytes = arg.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        int pos = 0;
        while (pos < bytes.length) {
            if (bytes.length >= 4 && pos < bytes.length - 3 && bytes[pos] == '\\' && bytes[pos + 1] == 'x') {
                String hex = new String(bytes, pos + 2, 2, java.nio.charset.StandardCharsets.ISO_8859_1);
                try {
                    out.add(Integer.parseInt(hex, 16));
                    pos += 4;
                    continue;
                } catch (NumberFormatException e) {
                    // VW keeps the characters as they are.
                }
            }
            out.add(bytes[pos++] & 0xff);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    public static final Comparator<int[]> ORDER = (a, b) -> {
        if (a.length != b.length) {
            return Integer.compare(a.length, b.length);
        }
        return Arrays.compare(a, b);
    };

    /** VW's sort + sort_and_filter_duplicate_interactions. */
    public static int[][] normalize(List<int[]> interactions, boolean keepDuplicates) {
        List<int[]> list = new ArrayList<>(interactions);
        list.sort(ORDER);
        List<int[]> sortedCopies = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            int[] sorted = list.get(i).clone();
            Arrays.sort(sorted);
            sortedCopies.add(sorted);
            positions.add(i);
        }
        if (!keepDuplicates) {
            List<Integer> byValue = new ArrayList<>(positions);
            byValue.sort((x, y) -> Arrays.compare(sortedCopies.get(x), sortedCopies.get(y)));
            List<Integer> unique = new ArrayList<>();
            for (int p : byValue) {
                if (unique.isEmpty() || !Arrays.equals(sortedCopies.get(unique.get(unique.size() - 1)),
                        sortedCopies.get(p))) {
                    unique.add(p);
                }
            }
            unique.sort(Integer::compare);
            positions = unique;
        }
        int[][] result = new int[positions.size()][];
        for (int k = 0; k < positions.size(); k++) {
            int p = positions.get(k);
            result[k] = mustBeLeftSorted(sortedCopies.get(p)) ? sortedCopies.get(p) : list.get(p);
        }
        return result;
    }

    /** True when the sorted form is kept: one namespace, or a repeated namespace next to a different one. */
    static boolean mustBeLeftSorted(int[] oi) {
        if (oi.length <= 1) {
            return true;
        }
        boolean diffFound = false;
        boolean pairFound = false;
        for (int i = 0; i < oi.length - 1; i++) {
            if (oi[i] == oi[i + 1]) {
                if (diffFound) {
                    return true;
                }
                pairFound = true;
            } else {
                if (pairFound) {
                    return true;
                }
                diffFound = true;
            }
        }
        return false;
    }

    public static boolean hasWildcard(int[][] interactions) {
        for (int[] inter : interactions) {
            for (int ns : inter) {
                if (ns == Namespaces.WILDCARD) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Expands wildcards over {@code namespaces} (sorted, interactable only) and normalises (VW's compile_interactions). */
    public static int[][] compile(int[][] interactions, TreeSet<Integer> namespaces, boolean keepDuplicates) {
        List<int[]> out = new ArrayList<>();
        for (int[] inter : interactions) {
            int wildcards = 0;
            for (int ns : inter) {
                if (ns == Namespaces.WILDCARD) {
                    wildcards++;
                }
            }
            if (wildcards == 0) {
                out.add(inter);
                continue;
            }
            List<int[]> expanded = wildcards == 2 ? expandQuadratic(namespaces, keepDuplicates)
                    : combinationsWithRepetition(namespaces, wildcards);
            for (int[] combo : expanded) {
                int[] full = new int[inter.length];
                int c = 0;
                for (int t = 0; t < inter.length; t++) {
                    full[t] = inter[t] == Namespaces.WILDCARD ? -1 : inter[t];
                }
                // Fixed namespaces keep their positions; wildcard slots take the combination in order.
                for (int t = 0; t < inter.length; t++) {
                    if (full[t] == -1) {
                        full[t] = combo[c++];
                    }
                }
                out.add(full);
            }
        }
        return normalize(out, keepDuplicates);
    }

    private static List<int[]> expandQuadratic(TreeSet<Integer> namespaces, boolean keepDuplicates) {
        TreeSet<int[]> set = new TreeSet<>(Arrays::compare);
        Integer[] ns = namespaces.toArray(new Integer[0]);
        for (int i = 0; i < ns.length; i++) {
            set.add(new int[] {ns[i], ns[i]});
            for (int j = i; j < ns.length; j++) {
                set.add(new int[] {ns[i], ns[j]});
                set.add(new int[] {ns[j], ns[j]});
                if (keepDuplicates) {
                    set.add(new int[] {ns[j], ns[i]});
                }
            }
        }
        return new ArrayList<>(set);
    }

    /**
     * Multisets of size k, each written with non-increasing namespace positions, as VW's
     * generate_namespace_combinations_with_repetition writes them (the order inside a tuple matters:
     * an all-distinct interaction keeps it, and it decides the hash).
     */
    private static List<int[]> combinationsWithRepetition(TreeSet<Integer> namespaces, int k) {
        Integer[] ns = namespaces.toArray(new Integer[0]);
        List<int[]> out = new ArrayList<>();
        combinations(ns, k, 0, ns.length - 1, new int[k], out);
        return out;
    }

    private static void combinations(Integer[] ns, int k, int pos, int max, int[] idx, List<int[]> out) {
        if (pos == k) {
            int[] combo = new int[k];
            for (int i = 0; i < k; i++) {
                combo[i] = ns[idx[i]];
            }
            out.add(combo);
            return;
        }
        for (int i = 0; i <= max; i++) {
            idx[pos] = i;
            combinations(ns, k, pos + 1, i, idx, out);
        }
    }

    public static String describe(int[] interaction) {
        StringBuilder sb = new StringBuilder();
        for (int ns : interaction) {
            sb.append((char) ns);
        }
        return sb.toString();
    }
}
