package io.warren.core.example;

/** VW's reserved namespace indices and hashing constants (vw/core/constant.h). */
public final class Namespaces {
    public static final int DEFAULT = ' ';
    public static final int WILDCARD = ':';
    public static final int WAP_LDF = 126;
    public static final int CONSTANT = 128;
    public static final int CCB_SLOT = 139;
    public static final int CCB_ID = 140;
    public static final int COUNT = 256;

    /** Index of the constant (bias) feature before stride scaling. */
    public static final long CONSTANT_FEATURE = 11650396L;
    public static final long FNV_PRIME = 16777619L;
    public static final long QUADRATIC_CONSTANT = 27942141L;

    private Namespaces() {}

    /** Namespaces that wildcard interactions ({@code -q ::}) may expand to: printable ASCII and the CCB slot. */
    public static boolean isInteractable(int ns) {
        return (ns >= ' ' && ns <= '~') || ns == CCB_SLOT;
    }
}
