package dev.sweeper.core;

import java.time.Duration;
import dev.sweeper.core.kinds.KindDefinition;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules the evaluator applies: how long a window, what counts as idle, what is protected.
 *
 * @param windows the activity window of each kind judged over one (config: the key its definition names,
 *                {@link KindDefinition#windowKey}; {@code --window} sets them all): how far back its
 *                evidence must show no use. A kind's activity is that of the resources that have a signal:
 *                {@link Kind#APP}'s window is Canvas's (the only Studio apps with one), a window of its own, not the
 *                notebooks'.
 * @param maxAges the age rule of each kind for which one was asked (config: the key its definition names,
 *                {@link KindDefinition#ageRuleKey}; or a command's {@code --max-age}): how long one may
 *                run since its last start; a kind without one is absent
 */
public record Policy(
        Map<Kind, Duration> windows,
        Map<Kind, Duration> maxAges,
        NotebookSignals notebookSignals,
        String protectTagKey,
        String protectTagValue,
        List<Pattern> protectedNamePatterns) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final String DEFAULT_PROTECT_TAG_KEY = "sweeper:protect";
    public static final String DEFAULT_PROTECT_TAG_VALUE = "true";

    public Policy {
        windows = copy(windows);
        maxAges = copy(maxAges);
        Objects.requireNonNull(notebookSignals, "notebookSignals");
        Objects.requireNonNull(protectTagKey, "protectTagKey");
        Objects.requireNonNull(protectTagValue, "protectTagValue");
        protectedNamePatterns = List.copyOf(protectedNamePatterns);
        for (Kind kind : Kind.values()) {
            if (kind.definition().gathering() != KindDefinition.Gathering.NONE && !windows.containsKey(kind)) {
                throw new IllegalArgumentException("no window for " + kind.plural());
            }
        }
    }

    private static Map<Kind, Duration> byKind(Map<Kind, Duration> from) {
        Map<Kind, Duration> out = new EnumMap<>(Kind.class);
        out.putAll(from);
        return out;
    }

    /** An unmodifiable copy without its null values. */
    private static Map<Kind, Duration> copy(Map<Kind, Duration> byKind) {
        Map<Kind, Duration> out = new EnumMap<>(Kind.class);
        byKind.forEach((kind, d) -> {
            if (d != null) {
                out.put(kind, d);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /** The default window for every kind judged over activity evidence, no age rule, the default protection tag. */
    public static Policy defaults() {
        Map<Kind, Duration> windows = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            if (kind.definition().gathering() != KindDefinition.Gathering.NONE) {
                windows.put(kind, DEFAULT_WINDOW);
            }
        }
        return new Policy(windows, Map.of(), NotebookSignals.defaults(), DEFAULT_PROTECT_TAG_KEY,
                DEFAULT_PROTECT_TAG_VALUE, List.of());
    }

    /** The activity window of this kind; null for a kind judged without one. */
    public Duration window(Kind kind) {
        return windows.get(kind);
    }

    /** The age rule asked for this kind; null when none was. */
    public Duration maxAge(Kind kind) {
        return maxAges.get(kind);
    }

    /**
     * Which notebook signals to read.
     *
     * @param jupyterProbe      read the instance's Jupyter server through a presigned URL
     * @param ignoreConnections a kernel with a browser connected is not activity by itself
     *                          (autostop.py's {@code --ignore-connections})
     * @param jupyterLog        read the instance's {@code jupyter.log} in CloudWatch Logs
     * @param metric            the team's own metric, or null
     * @param heartbeat         read the sweeper's on-instance checker's heartbeat metric
     * @param requireMachineSignal a notebook judged idle by its Jupyter server alone (no heartbeat, no
     *                          team metric: a background process would not show) is UNKNOWN
     */
    public record NotebookSignals(boolean jupyterProbe, boolean ignoreConnections, boolean jupyterLog,
                                  MetricRule metric, boolean heartbeat, boolean requireMachineSignal) {
        /** Without the checker's heartbeat. */
        public NotebookSignals(boolean jupyterProbe, boolean ignoreConnections, boolean jupyterLog, MetricRule metric) {
            this(jupyterProbe, ignoreConnections, jupyterLog, metric, false, false);
        }

        public static NotebookSignals defaults() {
            return new NotebookSignals(true, false, true, null, true, false);
        }
    }

    /**
     * A metric a team publishes for its notebooks: a value at or above {@code threshold} in any
     * period of the window is activity; below it over the whole window is idleness.
     */
    public record MetricRule(String namespace, String name, String dimension, String statistic, double threshold) {
        public MetricRule {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dimension, "dimension");
            Objects.requireNonNull(statistic, "statistic");
        }
    }

    /**
     * {@code --window}: one value for every kind judged over an activity window (endpoints, notebooks, Canvas apps),
     * over what the config set for each. The age rules are not windows: their own flags.
     */
    public Policy withWindow(Duration window) {
        Map<Kind, Duration> all = byKind(windows);
        all.replaceAll((kind, d) -> window);
        return new Policy(all, maxAges, notebookSignals, protectTagKey, protectTagValue, protectedNamePatterns);
    }

    /** The same policy with this kind's window (its config key). */
    public Policy withWindow(Kind kind, Duration window) {
        Map<Kind, Duration> all = byKind(windows);
        all.put(kind, window);
        return new Policy(all, maxAges, notebookSignals, protectTagKey, protectTagValue, protectedNamePatterns);
    }

    /** The same policy with an age rule for this kind ({@code --max-age}, or its config key); null removes it. */
    public Policy withMaxAge(Kind kind, Duration maxAge) {
        Map<Kind, Duration> all = byKind(maxAges);
        all.put(kind, maxAge);
        return new Policy(windows, all, notebookSignals, protectTagKey, protectTagValue, protectedNamePatterns);
    }

    public Policy withNotebookSignals(NotebookSignals signals) {
        return new Policy(windows, maxAges, signals, protectTagKey, protectTagValue, protectedNamePatterns);
    }

    /** The same policy with another protection tag and name patterns. */
    public Policy withProtection(String tagKey, String tagValue, List<Pattern> namePatterns) {
        return new Policy(windows, maxAges, notebookSignals, tagKey, tagValue, namePatterns);
    }
}
