package io.warren.core.reductions;

/** How contextual-bandit feedback becomes cost-sensitive training data (VW's --cb_type). */
public enum CbType {
    IPS, DM, DR, MTR, SM;

    public static CbType fromOption(String value) {
        return switch (value) {
            case "ips" -> IPS;
            case "dm" -> DM;
            case "dr" -> DR;
            case "mtr" -> MTR;
            case "sm" -> SM;
            default -> throw new IllegalArgumentException(
                    "--cb_type '" + value + "' is not one of ips, dm, dr, mtr, sm");
        };
    }

    public String option() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
