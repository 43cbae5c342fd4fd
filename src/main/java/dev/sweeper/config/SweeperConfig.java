package dev.sweeper.config;

import dev.sweeper.core.Policy;
import java.nio.file.Path;
import java.time.Duration;
import dev.sweeper.core.RateLimits;
import dev.sweeper.core.Schedule;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings a config file holds; flags override them. Null means "not set here": the
 * command's default applies.
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
        Duration endpointWindow,
        Duration notebookWindow,
        Notebooks notebooks,
        Duration appMaxAge,
        Map<RateLimits.Family, Double> rateLimits,
        Map<String, Schedule> schedules,
        Duration hyperpodMaxAge,
        Duration mlflowMaxAge,
        Duration canvasWindow) {

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
    }

    /** Without schedules or age rules for HyperPod and MLflow, for the callers that set none. */
    public SweeperConfig(Path source, List<String> regions, Integer maxActions, Integer maxConcurrency, Path auditLog,
                         Path prices, String topicArn, String protectTagKey, String protectTagValue,
                         List<Pattern> protectedNamePatterns, Duration endpointWindow, Duration notebookWindow,
                         Notebooks notebooks, Duration appMaxAge, Map<RateLimits.Family, Double> rateLimits) {
        this(source, regions, maxActions, maxConcurrency, auditLog, prices, topicArn, protectTagKey, protectTagValue,
                protectedNamePatterns, endpointWindow, notebookWindow, notebooks, appMaxAge, rateLimits, Map.of(), null,
                null);
    }

    /** Without a window of the Canvas apps' own. */
    public SweeperConfig(Path source, List<String> regions, Integer maxActions, Integer maxConcurrency, Path auditLog,
                         Path prices, String topicArn, String protectTagKey, String protectTagValue,
                         List<Pattern> protectedNamePatterns, Duration endpointWindow, Duration notebookWindow,
                         Notebooks notebooks, Duration appMaxAge, Map<RateLimits.Family, Double> rateLimits,
                         Map<String, Schedule> schedules, Duration hyperpodMaxAge, Duration mlflowMaxAge) {
        this(source, regions, maxActions, maxConcurrency, auditLog, prices, topicArn, protectTagKey, protectTagValue,
                protectedNamePatterns, endpointWindow, notebookWindow, notebooks, appMaxAge, rateLimits, schedules,
                hyperpodMaxAge, mlflowMaxAge, null);
    }

    public static SweeperConfig empty() {
        return new SweeperConfig(null, List.of(), null, null, null, null, null, null, null, List.of(), null, null,
                null, null, Map.of());
    }
}
