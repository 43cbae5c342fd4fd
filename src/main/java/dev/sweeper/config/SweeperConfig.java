package dev.sweeper.config;

import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.core.RateLimits;
import dev.sweeper.core.Schedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings a config file holds; flags override them. Null means "not set here": the
 * command's default applies.
 *
 * @param windows the activity windows set, by kind, each read from the key its definition names
 *                ({@link dev.sweeper.core.kinds.KindDefinition#windowKey}: {@code endpoints.window}); a kind not set is absent
 * @param maxAges the age rules set, by kind, each read from the key its definition names
 *                ({@link dev.sweeper.core.kinds.KindDefinition#ageRuleKey}: {@code apps.max-age}); a kind not set is absent
 */
public record SweeperConfig(
        Path source,
        List<String> regions,
        Integer maxActions,
        Integer maxConcurrency,
        Path auditLog,
        Path prices,
        String topicArn,
        String protectTagKey,
        String protectTagValue,
        List<Pattern> protectedNamePatterns,
        Map<Kind, Duration> windows,
        Notebooks notebooks,
        Map<Kind, Duration> maxAges,
        Map<RateLimits.Family, Double> rateLimits,
        Map<String, Schedule> schedules) {

    /**
     * The notebook signals set in the file (null fields: not set here).
     *
     * @param metric the team's own metric, or null
     */
    public record Notebooks(Boolean jupyterProbe, Boolean ignoreConnections, Boolean jupyterLog,
                            Policy.MetricRule metric, java.time.Duration autostopIdleTime, Boolean heartbeat,
                            Boolean requireMachineSignal, Integer autostopCpuPercent, Integer autostopGpuPercent,
                            String autostopProcessUser) {
        public static final Notebooks UNSET = new Notebooks(null, null, null, null);

        public Notebooks(Boolean jupyterProbe, Boolean ignoreConnections, Boolean jupyterLog, Policy.MetricRule metric,
                         java.time.Duration autostopIdleTime, Boolean heartbeat, Boolean requireMachineSignal) {
            this(jupyterProbe, ignoreConnections, jupyterLog, metric, autostopIdleTime, heartbeat, requireMachineSignal,
                    null, null, null);
        }

        public Notebooks(Boolean jupyterProbe, Boolean ignoreConnections, Boolean jupyterLog, Policy.MetricRule metric) {
            this(jupyterProbe, ignoreConnections, jupyterLog, metric, null);
        }

        public Notebooks(Boolean jupyterProbe, Boolean ignoreConnections, Boolean jupyterLog, Policy.MetricRule metric,
                         java.time.Duration autostopIdleTime) {
            this(jupyterProbe, ignoreConnections, jupyterLog, metric, autostopIdleTime, null, null);
        }

        /** These settings over the defaults. */
        public Policy.NotebookSignals over(Policy.NotebookSignals d) {
            return new Policy.NotebookSignals(
                    jupyterProbe != null ? jupyterProbe : d.jupyterProbe(),
                    ignoreConnections != null ? ignoreConnections : d.ignoreConnections(),
                    jupyterLog != null ? jupyterLog : d.jupyterLog(),
                    metric != null ? metric : d.metric(),
                    heartbeat != null ? heartbeat : d.heartbeat(),
                    requireMachineSignal != null ? requireMachineSignal : d.requireMachineSignal());
        }
    }

    public SweeperConfig {
        notebooks = notebooks == null ? Notebooks.UNSET : notebooks;
        regions = regions == null ? List.of() : List.copyOf(regions);
        protectedNamePatterns = protectedNamePatterns == null ? List.of() : List.copyOf(protectedNamePatterns);
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
        schedules = schedules == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(schedules));
        windows = byKind(windows);
        maxAges = byKind(maxAges);
    }

    /** An unmodifiable copy without its null values. */
    private static Map<Kind, Duration> byKind(Map<Kind, Duration> from) {
        Map<Kind, Duration> out = new EnumMap<>(Kind.class);
        if (from != null) {
            from.forEach((kind, d) -> {
                if (d != null) {
                    out.put(kind, d);
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    /** The activity window this file sets for a kind; null when it sets none. */
    public Duration window(Kind kind) {
        return windows.get(kind);
    }

    /** The age rule this file sets for a kind; null when it sets none. */
    public Duration maxAge(Kind kind) {
        return maxAges.get(kind);
    }

    public static SweeperConfig empty() {
        return new SweeperConfig(null, List.of(), null, null, null, null, null, null, null, List.of(), Map.of(), null,
                Map.of(), Map.of(), Map.of());
    }
}
