package dev.sweeper.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The rules the evaluator applies: how long a window, what counts as idle, what is protected.
 *
 * @param appMaxAge null unless an age rule for Studio apps was asked for
 * @param hyperpodMaxAge null unless an age rule for HyperPod clusters was asked for (config {@code hyperpod.max-age})
 * @param mlflowMaxAge null unless an age rule for MLflow tracking servers was asked for (config {@code mlflow.max-age}):
 *                     how long one may run since its last start
 * @param canvasWindow how far back a Canvas app's TimeSinceLastActive must show its user inactive (config
 *                     {@code canvas.window}): a window of its own, not the notebooks'
 */
public record Policy(
        Duration endpointWindow,
        Duration notebookWindow,
        NotebookSignals notebookSignals,
        Duration appMaxAge,
        String protectTagKey,
        String protectTagValue,
        List<Pattern> protectedNamePatterns,
        Duration hyperpodMaxAge,
        Duration mlflowMaxAge,
        Duration canvasWindow) {

    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    public static final String DEFAULT_PROTECT_TAG_KEY = "sweeper:protect";
    public static final String DEFAULT_PROTECT_TAG_VALUE = "true";

    public Policy {
        Objects.requireNonNull(endpointWindow, "endpointWindow");
        Objects.requireNonNull(notebookWindow, "notebookWindow");
        Objects.requireNonNull(notebookSignals, "notebookSignals");
        Objects.requireNonNull(canvasWindow, "canvasWindow");
        Objects.requireNonNull(protectTagKey, "protectTagKey");
        Objects.requireNonNull(protectTagValue, "protectTagValue");
        protectedNamePatterns = List.copyOf(protectedNamePatterns);
    }

    /** Without an age rule for HyperPod clusters or MLflow tracking servers. */
    public Policy(Duration endpointWindow, Duration notebookWindow, NotebookSignals notebookSignals, Duration appMaxAge,
                  String protectTagKey, String protectTagValue, List<Pattern> protectedNamePatterns) {
        this(endpointWindow, notebookWindow, notebookSignals, appMaxAge, protectTagKey, protectTagValue,
                protectedNamePatterns, null, null);
    }

    /** Canvas apps on the default window. */
    public Policy(Duration endpointWindow, Duration notebookWindow, NotebookSignals notebookSignals, Duration appMaxAge,
                  String protectTagKey, String protectTagValue, List<Pattern> protectedNamePatterns,
                  Duration hyperpodMaxAge, Duration mlflowMaxAge) {
        this(endpointWindow, notebookWindow, notebookSignals, appMaxAge, protectTagKey, protectTagValue,
                protectedNamePatterns, hyperpodMaxAge, mlflowMaxAge, DEFAULT_WINDOW);
    }

    public static Policy defaults() {
        return new Policy(DEFAULT_WINDOW, DEFAULT_WINDOW, NotebookSignals.defaults(), null,
                DEFAULT_PROTECT_TAG_KEY, DEFAULT_PROTECT_TAG_VALUE, List.of());
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

    public Duration window(Kind kind) {
        return switch (kind) {
            case ENDPOINT -> endpointWindow;
            case NOTEBOOK -> notebookWindow;
            case APP -> appMaxAge;
            case MLFLOW -> mlflowMaxAge; // no activity signal: only an age rule
            case SPACE -> null; // no compute of its own: nothing to judge
            case HYPERPOD -> hyperpodMaxAge;
        };
    }

    /**
     * {@code --window}: one value for every kind judged over an activity window (endpoints, notebooks, Canvas apps),
     * over what the config set for each. The age rules (apps, HyperPod, MLflow) are not windows: their own flags.
     */
    public Policy withWindow(Duration window) {
        return new Policy(window, window, notebookSignals, appMaxAge, protectTagKey, protectTagValue,
                protectedNamePatterns, hyperpodMaxAge, mlflowMaxAge, window);
    }

    public Policy withAppMaxAge(Duration maxAge) {
        return new Policy(endpointWindow, notebookWindow, notebookSignals, maxAge, protectTagKey,
                protectTagValue, protectedNamePatterns, hyperpodMaxAge, mlflowMaxAge, canvasWindow);
    }

    public Policy withHyperpodMaxAge(Duration maxAge) {
        return new Policy(endpointWindow, notebookWindow, notebookSignals, appMaxAge, protectTagKey,
                protectTagValue, protectedNamePatterns, maxAge, mlflowMaxAge, canvasWindow);
    }

    public Policy withMlflowMaxAge(Duration maxAge) {
        return new Policy(endpointWindow, notebookWindow, notebookSignals, appMaxAge, protectTagKey,
                protectTagValue, protectedNamePatterns, hyperpodMaxAge, maxAge, canvasWindow);
    }
}
