package dev.sweeper.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What was learned about a resource's use during the window. It travels with the verdict into
 * the report, so a reader can check the sweeper's reasoning.
 */
public sealed interface Evidence {

    /**
     * Metrics were read. Values are aggregated over the window: a sum for counters
     * ({@code Invocations}), a maximum for gauges.
     *
     * @param note how the values were obtained, for the reasons (may be null)
     */
    record Observed(Map<String, Double> values, String note) implements Evidence {
        public Observed {
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        public OptionalDouble value(String metric) {
            Double v = values.get(metric);
            return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
        }
    }

    /** No activity signal exists for this resource. {@code hint} says how to get one. */
    record NoSignal(String why, String hint) implements Evidence {
    }

    /** Gathering the evidence failed. Never to be read as idleness. */
    record Failed(String error) implements Evidence {
    }

    /** What a notebook instance's own signals showed (see {@link NotebookFacts}). */
    record Notebook(NotebookFacts.Jupyter jupyter, NotebookFacts.Log log, NotebookFacts.Metric metric,
                    NotebookFacts.Heartbeat heartbeat) implements Evidence {
        public Notebook {
            heartbeat = heartbeat == null ? new NotebookFacts.Heartbeat.Off() : heartbeat;
        }

        /** Without the checker's heartbeat (not read). */
        public Notebook(NotebookFacts.Jupyter jupyter, NotebookFacts.Log log, NotebookFacts.Metric metric) {
            this(jupyter, log, metric, new NotebookFacts.Heartbeat.Off());
        }

        /** A call for one of the signals failed (not a server that refused us): evidence not gathered. */
        public boolean failedCall() {
            return (jupyter instanceof NotebookFacts.Jupyter.Unreachable u && u.failure())
                    || log instanceof NotebookFacts.Log.Failed || metric instanceof NotebookFacts.Metric.Failed
                    || heartbeat instanceof NotebookFacts.Heartbeat.Failed;
        }
    }

    /**
     * A Canvas app's newest {@code TimeSinceLastActive} datapoint (namespace {@code /aws/sagemaker/Canvas/AppActivity},
     * dimensions DomainId and UserProfileName): the smallest value published in the period starting at {@code latest},
     * in seconds since its user was last active in Canvas.
     */
    record CanvasActivity(java.time.Instant latest, double timeSinceLastActive, int periodSeconds) implements Evidence {
        /** The latest the user can have been active, as far as the datapoint tells: the end of its period less the value. */
        public java.time.Instant lastActiveAtMost(java.time.Instant now) {
            java.time.Instant end = latest.plusSeconds(periodSeconds);
            return (end.isAfter(now) ? now : end).minusMillis(Math.round(timeSinceLastActive * 1000));
        }
    }

    /** Nothing was gathered because the verdict does not depend on it (stopped, too young, system app). */
    record NotGathered() implements Evidence {
    }

    static Evidence notGathered() {
        return new NotGathered();
    }
}
