package dev.sweeper.core;

import java.time.Duration;

/**
 * What every age rule says, for the kinds AWS gives no activity signal for: such a kind is UNKNOWN, or IDLE only by
 * an explicit age rule (the config key its definition names, {@link dev.sweeper.core.kinds.KindDefinition#ageRuleKey},
 * or a command's {@code --max-age}), said to be one. Each kind's own rule is in its definition ({@code core/kinds/}).
 */
public final class AgeRule {
    private AgeRule() {
    }

    /** Whether an age rule is set and {@code age} reaches it. */
    public static boolean reached(Duration age, Duration maxAge) {
        return maxAge != null && age.compareTo(maxAge) >= 0;
    }

    /**
     * What a verdict IDLE by an age rule says after the age it found: {@code , longer than the max age 12h
     * (mlflow.max-age): an age rule, not observed idleness}.
     */
    public static String longerThan(Duration maxAge, String key) {
        return ", longer than the max age " + Durations.format(maxAge) + " (" + key
                + "): an age rule, not observed idleness";
    }

    /** {@code  (max age 30d)} when an age rule is set, else nothing. */
    public static String noted(Duration maxAge) {
        return maxAge != null ? " (max age " + Durations.format(maxAge) + ")" : "";
    }

    /** {@code 3d ago}. */
    public static String ago(Duration age) {
        return Evaluator.ago(age);
    }
}
