package io.warren.core.loop;

import java.util.regex.Pattern;

/**
 * The Kafka topics of a loop (DESIGN.md): every module names them here. Loop ids are {@link #LOOP_ID}.
 */
public final class Topics {
    /** What a loop id may be. */
    public static final String LOOP_ID = "[a-z0-9-]{1,63}";

    private Topics() {}

    /** Decisions logged by the API, key = event id. */
    public static String decisions(String loop) {
        return "warren." + loop + ".decisions";
    }

    /** Rewards and activations logged by the API, key = event id. */
    public static String rewards(String loop) {
        return "warren." + loop + ".rewards";
    }

    /** Compacted: the loop's configuration record, key = loop id. */
    public static String config(String loop) {
        return "warren." + loop + ".config";
    }

    /** Joined, learnable DSJSON events, key = event id. */
    public static String joined(String loop) {
        return "warren." + loop + ".joined";
    }

    /** Rewards that joined no decision, key = event id. */
    public static String late(String loop) {
        return "warren." + loop + ".late";
    }

    /** Compacted: model announcements, key = version. */
    public static String models(String loop) {
        return "warren." + loop + ".models";
    }

    /** Every loop's topics of one kind ({@code "decisions"}, {@code "config"}, ...), for pattern subscriptions. */
    public static Pattern all(String... kinds) {
        return Pattern.compile("warren\\." + LOOP_ID + "\\.(" + String.join("|", kinds) + ")");
    }
}
