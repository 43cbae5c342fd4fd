package dev.sweeper.core;

import static dev.sweeper.core.Evaluator.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notebook instance's rule: its signals over the window, strongest first, and whether it stops itself when
 * idle.
 */
public final class NotebookRule {
    private NotebookRule() {
    }

    public static Evaluation notebook(Resource r, Evidence evidence, Policy policy, Instant now) {
        List<String> reasons = new ArrayList<>();
        Duration window = ActivityGate.window(r, policy);
        Verdict verdict;
        String signal = null;
        if (!IN_SERVICE.equals(r.status())) {
            reasons.add("Stopped".equals(r.status())
                    ? stoppedReason(r.storageGb(), null)
                    : "status " + r.status() + ": not in service");
            verdict = Verdict.EXEMPT;
        } else {
            Duration uptime = ActivityGate.age(r, now);
            if (ActivityGate.tooYoung(uptime, window)) {
                reasons.add("running for " + Durations.format(uptime) + " since its last start, less than the "
                        + Durations.format(window) + " window: too young to judge");
                verdict = Verdict.TOO_YOUNG;
            } else if (evidence instanceof Evidence.Notebook signals) {
                Decision d = notebookSignals(signals, policy.notebookSignals(), window, now, reasons);
                verdict = d.verdict();
                signal = d.signal();
            } else {
                reasons.add(missing(evidence, "activity"));
                verdict = Verdict.UNKNOWN;
            }
        }
        if (r.notebook() != null) {
            String config = r.notebook().lifecycleConfig() == null ? "no lifecycle configuration attached"
                    : "lifecycle configuration '" + r.notebook().lifecycleConfig() + "' attached";
            AutostopCoverage autostop = r.notebook().autostop();
            // Shown as Studio's idle shutdown is for apps: whether the notebook stops itself when idle.
            // The sweeper's checker publishes a heartbeat each check: read and absent, it is not publishing (its
            // role lacks cloudwatch:PutMetricData, or an older checker); it still stops the notebook when idle.
            boolean noHeartbeat = autostop != null && autostop.state() == AutostopCoverage.State.SWEEPER
                    && evidence instanceof Evidence.Notebook nb && nb.heartbeat() instanceof NotebookFacts.Heartbeat.NoData;
            reasons.add(autostop == null ? config : config + "; " + (autostop.covered()
                    ? "stops itself when idle: " + autostop.detail() + (noHeartbeat ? "; no heartbeat" : "")
                    : autostop.state() == AutostopCoverage.State.UNKNOWN ? "idle checker unknown: " + autostop.detail()
                    : autostop.state() == AutostopCoverage.State.NOT_RUNNING ? "checker not running: " + autostop.detail()
                    : "no idle checker"));
        }
        if (r.notebook() != null) {
            NotebookPlatforms.warning(r.notebook().platformIdentifier()).ifPresent(reasons::add);
        }
        return new Evaluation(verdict, reasons, evidence, signal);
    }

    /** A verdict and the signal that decided it (null when none did). */
    private record Decision(Verdict verdict, String signal) {
    }

    /**
     * The notebook's signals, strongest first. Any signal showing activity makes it ACTIVE; only the
     * Jupyter server answering with nothing going on (or, without it, the team's metric below its
     * threshold) makes it IDLE; a quiet jupyter.log proves nothing. Returns the deciding signal, or
     * null when none decides (UNKNOWN).
     */
    private static Decision notebookSignals(Evidence.Notebook e, Policy.NotebookSignals config, Duration window,
                                          Instant now, List<String> reasons) {
        String span = " in the last " + Durations.format(window);
        // The on-instance checker's heartbeat sees the whole machine (Jupyter, CPU, GPU, a user's
        // processes): the strongest signal, and enough on its own where it covers the window.
        if (e.heartbeat() instanceof NotebookFacts.Heartbeat.Read hb && hb.active()) {
            reasons.add("heartbeat: the on-instance checker saw work" + span + " (Jupyter, CPU, GPU or a user's"
                    + " process; " + hb.samples() + " checks published)");
            return new Decision(Verdict.ACTIVE, NotebookFacts.HEARTBEAT);
        }
        if (e.heartbeat() instanceof NotebookFacts.Heartbeat.Read hb && hb.covers()) {
            reasons.add("heartbeat: the on-instance checker saw no work in " + hb.samples() + " checks" + span
                    + " (no Jupyter activity, CPU and GPU below its thresholds, no user process)");
            return new Decision(Verdict.IDLE, NotebookFacts.HEARTBEAT);
        }
        if (e.jupyter() instanceof NotebookFacts.Jupyter.Read read) {
            var activity = NotebookFacts.jupyterActivity(read, window, now, config.ignoreConnections());
            if (activity.isPresent()) {
                reasons.add("jupyter: " + activity.get());
                return new Decision(Verdict.ACTIVE, NotebookFacts.JUPYTER);
            }
        }
        if (NotebookFacts.logActive(e.log(), window, now)) {
            Instant newest = ((NotebookFacts.Log.Read) e.log()).newest();
            String work = ((NotebookFacts.Log.Read) e.log()).work();
            reasons.add("jupyter.log: " + (work == null ? "a line" : work) + " "
                    + Durations.format(Duration.between(newest, now).abs()) + " ago, inside the "
                    + Durations.format(window) + " window");
            return new Decision(Verdict.ACTIVE, NotebookFacts.JUPYTER_LOG);
        }
        Policy.MetricRule rule = config.metric();
        if (rule != null && e.metric() instanceof NotebookFacts.Metric.Value v && v.value() >= rule.threshold()) {
            reasons.add("metric " + metricName(rule) + " reached " + count(v.value()) + span + " (threshold "
                    + count(rule.threshold()) + ")");
            return new Decision(Verdict.ACTIVE, NotebookFacts.METRIC);
        }
        // Idleness needs every signal that could still prove activity to have been read: an error
        // reading jupyter.log or the metric is not an absence of activity.
        String unread = e.log() instanceof NotebookFacts.Log.Failed ? logReason(e.log())
                : rule != null && e.metric() instanceof NotebookFacts.Metric.Failed ? metricReason(rule, e.metric())
                : e.heartbeat() instanceof NotebookFacts.Heartbeat.Failed ? heartbeatReason(e.heartbeat())
                : null;
        if (unread != null && (e.jupyter() instanceof NotebookFacts.Jupyter.Read
                || (rule != null && e.metric() instanceof NotebookFacts.Metric.Value))) {
            reasons.add("no activity seen, but a signal that could show some was not read: " + unread);
            reasons.add(jupyterReason(e.jupyter()));
            return new Decision(Verdict.UNKNOWN, null);
        }
        if (e.jupyter() instanceof NotebookFacts.Jupyter.Read read) {
            reasons.add("jupyter: no kernel busy and no kernel or terminal active" + span + " ("
                    + plural(read.sessions(), "session") + ", " + plural(read.kernels().size(), "kernel") + ", "
                    + plural(read.terminals().size(), "terminal") + (config.ignoreConnections()
                    ? ", open connections ignored)" : ", none connected)"));
            long stuck = NotebookFacts.stuckKernels(read, window, now);
            if (stuck > 0) {
                reasons.add("jupyter: " + plural((int) stuck, "kernel") + " stuck starting or restarting, with no"
                        + " connection and no activity" + span + ": evidence of nothing");
            }
            reasons.add(logReason(e.log()));
            boolean machine = rule != null && e.metric() instanceof NotebookFacts.Metric.Value;
            if (!machine) {
                // From outside, Jupyter shows kernels and terminals only: a job started with nohup from a
                // terminal since closed runs unseen. The checker's heartbeat or the team's metric would show it.
                String unseen = "background processes cannot be seen from outside (e.g. nohup python train.py &"
                        + " from a closed terminal): " + heartbeatReason(e.heartbeat());
                if (config.requireMachineSignal()) {
                    reasons.add("no machine signal, and notebooks.require-machine-signal is true: " + unseen);
                    return new Decision(Verdict.UNKNOWN, null);
                }
                reasons.add(unseen);
            }
            return new Decision(Verdict.IDLE, NotebookFacts.JUPYTER);
        }
        if (rule != null && e.metric() instanceof NotebookFacts.Metric.Value v) {
            reasons.add("metric " + metricName(rule) + " at most " + count(v.value()) + span
                    + ", below the threshold " + count(rule.threshold()));
            reasons.add(jupyterReason(e.jupyter()));
            reasons.add(logReason(e.log()));
            return new Decision(Verdict.IDLE, NotebookFacts.METRIC);
        }
        reasons.add("no activity signal could be read: " + jupyterReason(e.jupyter()));
        reasons.add(logReason(e.log()));
        if (rule != null) {
            reasons.add(metricReason(rule, e.metric()));
        }
        if (!(e.heartbeat() instanceof NotebookFacts.Heartbeat.Off)) {
            reasons.add(heartbeatReason(e.heartbeat()));
        }
        return new Decision(Verdict.UNKNOWN, null);
    }

    private static String heartbeatReason(NotebookFacts.Heartbeat h) {
        if (h instanceof NotebookFacts.Heartbeat.Failed f) {
            return "heartbeat: could not read: " + f.error();
        }
        if (h instanceof NotebookFacts.Heartbeat.NoData) {
            return "heartbeat: none in the window (no sweeper checker publishing; autostop-notebooks installs it)";
        }
        if (h instanceof NotebookFacts.Heartbeat.Read r) {
            return "heartbeat: only " + r.samples() + " of " + r.expected() + " checks published in the window"
                    + " (the checker did not run throughout): proves no idleness";
        }
        return "heartbeat: not read (notebooks.heartbeat: false)";
    }

    private static String jupyterReason(NotebookFacts.Jupyter j) {
        if (j instanceof NotebookFacts.Jupyter.Off) {
            return "jupyter: probe turned off (notebooks.jupyter.probe: false)";
        }
        if (j instanceof NotebookFacts.Jupyter.NotNeeded) {
            return "jupyter: not probed (the heartbeat decides)";
        }
        if (j instanceof NotebookFacts.Jupyter.Unreachable u) {
            return "jupyter: server not read: " + u.reason();
        }
        return "jupyter: server read";
    }

    private static String logReason(NotebookFacts.Log log) {
        if (log instanceof NotebookFacts.Log.Failed f) {
            return "jupyter.log: could not read: " + f.error();
        }
        if (log instanceof NotebookFacts.Log.NoStream) {
            return "jupyter.log: no stream in CloudWatch Logs (proves nothing)";
        }
        if (log instanceof NotebookFacts.Log.Read) {
            // Only the lines that may show work were read (a filtered read): nothing is said of the others.
            return "jupyter.log: no line showing work in the window (proves nothing: a long-running cell logs nothing)";
        }
        return "jupyter.log: not read";
    }

    private static String metricReason(Policy.MetricRule rule, NotebookFacts.Metric m) {
        if (m instanceof NotebookFacts.Metric.Failed f) {
            return "metric " + metricName(rule) + ": could not read: " + f.error();
        }
        if (m instanceof NotebookFacts.Metric.NoData) {
            return "metric " + metricName(rule) + ": no datapoints in the window";
        }
        return "metric " + metricName(rule) + ": not read";
    }

    private static String metricName(Policy.MetricRule rule) {
        return rule.namespace() + "/" + rule.name() + " (" + rule.statistic() + ")";
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
