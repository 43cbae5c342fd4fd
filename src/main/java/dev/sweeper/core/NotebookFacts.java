package dev.sweeper.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What each of a notebook instance's activity signals showed, as plain facts for the evaluator.
 * AWS publishes no CloudWatch metrics for notebook instances, so these are the signals there are:
 * the instance's own Jupyter server (strongest), its {@code jupyter.log} in CloudWatch Logs (can
 * prove activity, never idleness) and a metric the team publishes itself (only when configured).
 */
public final class NotebookFacts {
    public static final String JUPYTER = "jupyter";
    public static final String JUPYTER_LOG = "jupyter.log";
    public static final String METRIC = "metric";

    private NotebookFacts() {
    }

    /** What the Jupyter server's REST API said, or why it could not be read. */
    public sealed interface Jupyter {
        /** The probe is turned off by the config. */
        record Off() implements Jupyter {
        }

        /**
         * Not read: network, a refused presigned URL (IP condition), no permission. Never idleness.
         *
         * @param failure a call failed (an AWS error, a timeout, a dropped connection), as opposed to
         *                a server that answered with a refusal: a failure makes the run partial
         */
        record Unreachable(String reason, boolean failure) implements Jupyter {
            public Unreachable(String reason) {
                this(reason, true);
            }
        }

        /** The server answered {@code /api/sessions}, {@code /api/kernels} and {@code /api/terminals}. */
        record Read(int sessions, List<Kernel> kernels, List<Terminal> terminals) implements Jupyter {
            public Read {
                kernels = List.copyOf(kernels);
                terminals = List.copyOf(terminals);
            }
        }
    }

    /** A kernel as the Jupyter server reports it; {@code lastActivity} may be null. */
    public record Kernel(String id, String executionState, Instant lastActivity, int connections) {
    }

    /** A terminal as the Jupyter server reports it; {@code lastActivity} may be null. */
    public record Terminal(String name, Instant lastActivity) {
    }

    /** The newest line of the instance's {@code jupyter.log} stream, as far as it was read. */
    public sealed interface Log {
        record NotChecked() implements Log {
        }

        record Failed(String error) implements Log {
        }

        /** No stream (yet) for this instance. Proves nothing. */
        record NoStream() implements Log {
        }

        /** {@code newest} is the newest line seen in the window, or null when none was. */
        record Read(Instant newest) implements Log {
        }
    }

    /** The team's own metric, when the config names one. */
    public sealed interface Metric {
        record NotConfigured() implements Metric {
        }

        record Failed(String error) implements Metric {
        }

        /** The series had no datapoints in the window. Proves nothing. */
        record NoData() implements Metric {
        }

        /** The configured statistic over the window (the highest period value). */
        record Value(double value) implements Metric {
        }
    }

    /**
     * Why the Jupyter server shows someone at work during the window, or empty when it does not:
     * AWS's own autostop.py rule (a busy kernel; a kernel or terminal active inside the window; a
     * kernel with a browser connected, unless connections are ignored).
     */
    public static Optional<String> jupyterActivity(Jupyter.Read read, Duration window, Instant now,
                                                   boolean ignoreConnections) {
        Instant since = now.minus(window);
        for (Kernel k : read.kernels()) {
            if (!"idle".equals(k.executionState())) {
                // busy, starting, restarting...: only "idle" proves a kernel is doing nothing
                return Optional.of("a kernel is " + k.executionState() + lastActivity(k.lastActivity(), now));
            }
        }
        for (Kernel k : read.kernels()) {
            if (k.lastActivity() != null && !k.lastActivity().isBefore(since)) {
                return Optional.of("a kernel was active " + Durations.format(Duration.between(k.lastActivity(), now))
                        + " ago");
            }
        }
        for (Terminal t : read.terminals()) {
            if (t.lastActivity() != null && !t.lastActivity().isBefore(since)) {
                return Optional.of("a terminal was used " + Durations.format(Duration.between(t.lastActivity(), now))
                        + " ago");
            }
        }
        if (!ignoreConnections) {
            for (Kernel k : read.kernels()) {
                if (k.connections() > 0) {
                    return Optional.of("a kernel has " + k.connections() + " open connection"
                            + (k.connections() == 1 ? "" : "s") + " (a browser tab; notebooks.jupyter.ignore-connections"
                            + " ignores them)");
                }
            }
        }
        return Optional.empty();
    }

    /** Whether a line of jupyter.log falls inside the window. */
    public static boolean logActive(Log log, Duration window, Instant now) {
        return log instanceof Log.Read r && r.newest() != null && !r.newest().isBefore(now.minus(window));
    }

    private static String lastActivity(Instant at, Instant now) {
        return at == null ? "" : " (last activity " + Durations.format(Duration.between(at, now).abs()) + " ago)";
    }
}
