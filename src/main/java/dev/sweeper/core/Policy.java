package dev.sweeper.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules the evaluator applies: how long a window, what counts as idle, what is protected.
 *
 * @param appMaxAge null unless an age rule for Studio apps was asked for
 */
public record Policy(
        Duration endpointWindow,
        Duration notebookWindow,
        double notebookCpuThresholdPercent,
        Duration appMaxAge,
        String protectTagKey,
        String protectTagValue,
        List<Pattern> protectedNamePatterns) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final String DEFAULT_PROTECT_TAG_KEY = "sweeper:protect";
    public static final String DEFAULT_PROTECT_TAG_VALUE = "true";

    public Policy {
        Objects.requireNonNull(endpointWindow, "endpointWindow");
        Objects.requireNonNull(notebookWindow, "notebookWindow");
        Objects.requireNonNull(protectTagKey, "protectTagKey");
        Objects.requireNonNull(protectTagValue, "protectTagValue");
        protectedNamePatterns = List.copyOf(protectedNamePatterns);
    }

    public static Policy defaults() {
        return new Policy(DEFAULT_WINDOW, DEFAULT_WINDOW, 5.0, null,
                DEFAULT_PROTECT_TAG_KEY, DEFAULT_PROTECT_TAG_VALUE, List.of());
    }

    public Duration window(Kind kind) {
        return switch (kind) {
            case ENDPOINT -> endpointWindow;
            case NOTEBOOK -> notebookWindow;
            case APP -> appMaxAge;
        };
    }

    public Policy withWindow(Duration window) {
        return new Policy(window, window, notebookCpuThresholdPercent, appMaxAge, protectTagKey, protectTagValue,
                protectedNamePatterns);
    }

    public Policy withAppMaxAge(Duration maxAge) {
        return new Policy(endpointWindow, notebookWindow, notebookCpuThresholdPercent, maxAge, protectTagKey,
                protectTagValue, protectedNamePatterns);
    }
}
