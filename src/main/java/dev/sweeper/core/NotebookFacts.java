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
    public static final String HEARTBEAT = "heartbeat";
    /** The namespace, metric and dimension the sweeper's on-instance checker publishes each check to. */
    public static final String HEARTBEAT_NAMESPACE = "SageMakerSweeper/Notebooks";
    public static final String HEARTBEAT_METRIC = "Activity";
    public static final String HEARTBEAT_DIMENSION = "NotebookInstanceName";
    /** How often the on-instance checker runs, so how many heartbeats a window should hold. */
    public static final Duration CHECK_INTERVAL = Duration.ofMinutes(5);
    /**
     * The share of the window's checks that must have been published for a quiet heartbeat to mean
     * idleness (95%: a checker that stopped publishing more than about an hour of a day ago does not).
     */
    public static final double HEARTBEAT_COVERAGE = 0.95;

    private NotebookFacts() {
    }

    /** What the Jupyter server's REST API said, or why it could not be read. */
    public sealed interface Jupyter {
        /** The probe is turned off by the config. */
        record Off() implements Jupyter {
        }

        /** Not probed: the on-instance checker's heartbeat covered the window and decided. */
        record NotNeeded() implements Jupyter {
        }

        /**
         * Not read: network, a refused presigned URL (IP condition), no permission. Never idleness.
         *
         * @param failure a call failed (an AWS error, a timeout, a dropped connection), as opposed to
         *                a server that answered with a refusal: a failure makes the run partial
         */
        record Unreachable(String reason, boolean failure, String deniedAction) implements Jupyter {
            public Unreachable(String reason) {
                this(reason, true, null);
            }

            public Unreachable(String reason, boolean failure) {
                this(reason, failure, null);
            }

            /** The IAM action refused (AccessDeniedException), reported once per region; null otherwise. */
            public static Unreachable denied(String action, String reason) {
                return new Unreachable(reason, true, action);
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

        /**
         * The read failed. {@code deniedAction}: the IAM action refused (AccessDeniedException), reported once per
         * region; null otherwise.
         */
        record Failed(String error, String deniedAction) implements Log {
            public Failed(String error) {
                this(error, null);
            }
        }

        /** No stream (yet) for this instance, as CloudWatch Logs answered for it. Proves nothing. */
        record NoStream() implements Log {
        }

        /**
         * {@code newest} is the newest line in the window that shows someone or a kernel at work, or null when none
         * does; {@code work} says what that line showed. Only lines that may show work are read (CloudWatch Logs
         * filters the stream first, {@link NotebookLogs#FILTER_PATTERN}): how many others the window held is not
         * known, and nothing is said about them.
         */
        record Read(Instant newest, String work) implements Log {
            public Read(Instant newest) {
                this(newest, null);
            }
        }
    }

    /**
     * The sweeper's on-instance checker's heartbeat over the window: each check publishes 1 when it
     * saw work (Jupyter, CPU, GPU, a user's process) and 0 when it saw none.
     */
    public sealed interface Heartbeat {
        /** Not read: turned off by the config. */
        record Off() implements Heartbeat {
        }

        record Failed(String error) implements Heartbeat {
        }

        /** No heartbeat in the window: no checker, an older one, or one whose PutMetricData is refused. */
        record NoData() implements Heartbeat {
        }

        /**
         * @param max      the highest value published in the window (1: a check saw work)
         * @param samples  how many checks published in the window
         * @param expected how many checks the window holds at one every {@link #CHECK_INTERVAL}
         */
        record Read(double max, int samples, int expected) implements Heartbeat {
            /** Whether a check saw work. */
            public boolean active() {
                return max >= 1;
            }

            /** Whether enough checks published for their silence to mean idleness. */
            public boolean covers() {
                return samples >= Math.ceil(expected * HEARTBEAT_COVERAGE);
            }

            /** Whether it decides on its own (then no other signal needs to be read). */
            public boolean decides() {
                return active() || covers();
            }
        }

        /** How many checks a window holds. */
        static int expected(Duration window) {
            return (int) Math.max(1, window.getSeconds() / CHECK_INTERVAL.getSeconds());
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
     * kernel with a browser connected, unless connections are ignored), except that a kernel stuck
     * {@link #stuck starting or restarting} is evidence of nothing.
     */
    public static Optional<String> jupyterActivity(Jupyter.Read read, Duration window, Instant now,
                                                   boolean ignoreConnections) {
        Instant since = now.minus(window);
        for (Kernel k : read.kernels()) {
            if (!"idle".equals(k.executionState()) && !stuck(k, window, now)) {
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

    /**
     * A kernel {@code starting} or {@code restarting} with no client connected and no activity inside
     * the window: classic Jupyter (notebook 6.4) leaves a kernel no client ever connected to in
     * {@code starting} for good (AWS's lifecycle-config samples repository has an issue about kernels
     * stuck there), so its state shows nobody at work.
     */
    public static boolean stuck(Kernel k, Duration window, Instant now) {
        return ("starting".equals(k.executionState()) || "restarting".equals(k.executionState()))
                && k.connections() == 0 && (k.lastActivity() == null || k.lastActivity().isBefore(now.minus(window)));
    }

    /** The kernels {@link #stuck} in starting or restarting, for the reason that names them. */
    public static long stuckKernels(Jupyter.Read read, Duration window, Instant now) {
        return read.kernels().stream().filter(k -> stuck(k, window, now)).count();
    }

    /** Whether a line of jupyter.log falls inside the window. */
    public static boolean logActive(Log log, Duration window, Instant now) {
        return log instanceof Log.Read r && r.newest() != null && !r.newest().isBefore(now.minus(window));
    }

    private static String lastActivity(Instant at, Instant now) {
        return at == null ? "" : " (last activity " + Durations.format(Duration.between(at, now).abs()) + " ago)";
    }
}
