package dev.sweeper.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides, from facts alone, whether a resource is idle. Pure: no I/O, no clock of its own, no
 * SDK types. Missing evidence never means idle; failed evidence is {@link Verdict#UNKNOWN}.
 */
public final class Evaluator {
    public static final String IN_SERVICE = "InService";
    public static final String INVOCATIONS = "Invocations";
    /**
     * Requests an asynchronous endpoint processed: AWS's monitoring page spells it {@code InvocationsProcesssed}
     * ("Alarms and logs for tracking metrics from asynchronous endpoints",
     * https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference-monitor.html), while public code and
     * dashboards query {@code InvocationsProcessed}: the sweeper reads whichever CloudWatch lists, and keeps the
     * count under this key.
     */
    public static final String ASYNC_PROCESSED = "InvocationsProcesssed";
    /** The other spelling of {@link #ASYNC_PROCESSED}. */
    public static final String ASYNC_PROCESSED_ALT = "InvocationsProcessed";
    public static final java.util.List<String> ASYNC_PROCESSED_NAMES = java.util.List.of(ASYNC_PROCESSED,
            ASYNC_PROCESSED_ALT);
    public static final String ASYNC_BACKLOG = "ApproximateBacklogSize";
    public static final String SYSTEM_INSTANCE = "system";
    /**
     * Endpoint statuses in which its instances run and bill: an endpoint being updated, system-updated
     * or rolled back keeps serving on its current instances until the change completes.
     */
    public static final java.util.Set<String> ENDPOINT_RUNNING = java.util.Set.of(IN_SERVICE, "Updating",
            "SystemUpdating", "RollingBack", "UpdateRollbackFailed");

    /**
     * MLflow tracking server statuses (TrackingServerStatus) in which the server runs and bills by the hour: every
     * status but the stopped, failed-to-create and transitional ones. AWS bills a tracking server per hour of its
     * size while it runs (https://aws.amazon.com/sagemaker/pricing/, "MLflow"), and offers StopMlflowTrackingServer
     * to stop the billing (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StopMlflowTrackingServer.html).
     */
    public static final java.util.Set<String> MLFLOW_RUNNING = java.util.Set.of("Created", "Updating", "Updated",
            "UpdateFailed", "Started", "StopFailed", "MaintenanceInProgress", "MaintenanceComplete", "MaintenanceFailed");
    /** The statuses a tracking server can be stopped from: settled and running. */
    public static final java.util.Set<String> MLFLOW_STOPPABLE = java.util.Set.of("Created", "Updated", "Started",
            "MaintenanceComplete");
    public static final String MLFLOW_STOPPED = "Stopped";

    /**
     * SageMaker Canvas: an app of AppType Canvas (named {@code default}, owned by a user profile) bills its workspace
     * instance for every hour it is InService, whether or not its user works in it ("Logging out of Amazon SageMaker
     * Canvas", https://docs.aws.amazon.com/sagemaker/latest/dg/canvas-log-out.html). Since late 2023 Canvas publishes
     * the seconds since its user was last active as the CloudWatch metric TimeSinceLastActive in the namespace
     * /aws/sagemaker/Canvas/AppActivity, with the dimensions DomainId and UserProfileName ("Optimizing costs for
     * Amazon SageMaker Canvas with automatic shutdown of idle apps",
     * https://aws.amazon.com/blogs/machine-learning/optimizing-costs-for-amazon-sagemaker-canvas-with-automatic-shutdown-of-idle-apps/,
     * and its templates in github.com/aws-samples/sagemaker-canvas-auto-shutdown-on-idle, which query exactly that).
     */
    public static final String CANVAS = "Canvas";
    public static final String CANVAS_NAMESPACE = "/aws/sagemaker/Canvas/AppActivity";
    public static final String CANVAS_METRIC = "TimeSinceLastActive";
    public static final String CANVAS_DOMAIN_DIM = "DomainId";
    public static final String CANVAS_USER_DIM = "UserProfileName";
    /**
     * How old the newest TimeSinceLastActive datapoint may be (after its period ends) for the sweeper to trust it
     * still describes the present: AWS does not document how often Canvas publishes (its own sample alarm
     * aggregates over 20 minutes), so older data means the metric stopped, not that the user did: UNKNOWN.
     */
    public static final Duration CANVAS_METRIC_LAG = Duration.ofMinutes(30);

    /** Whether the resource is a Canvas app, judged by its TimeSinceLastActive metric. */
    public static boolean isCanvas(Resource r) {
        return r.kind() == Kind.APP && r.app() != null && CANVAS.equals(r.app().appType());
    }

    /** Whether an MLflow tracking server in this status runs (and bills). */
    public static boolean mlflowRuns(String status) {
        return MLFLOW_RUNNING.contains(status);
    }

    /** Whether an endpoint in this status runs (and bills) instances, so its use must be judged. */
    public static boolean endpointRuns(String status) {
        return ENDPOINT_RUNNING.contains(status);
    }

    private Evaluator() {
    }

    public static Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        return switch (r.kind()) {
            case ENDPOINT -> endpoint(r, evidence, policy.endpointWindow(), now);
            case NOTEBOOK -> notebook(r, evidence, policy, now);
            case APP -> isCanvas(r) ? canvas(r, evidence, policy.notebookWindow(), now)
                    : app(r, evidence, policy.appMaxAge(), now);
            case MLFLOW -> mlflow(r, evidence, policy.mlflowMaxAge(), now);
            case SPACE -> space(r, evidence);
            case HYPERPOD -> hyperpod(r, evidence, policy.hyperpodMaxAge(), now);
        };
    }

    /**
     * An MLflow tracking server: AWS publishes no activity signal for one that the sweeper could read (no
     * CloudWatch metric of its use, and its runs are behind the MLflow API of each experiment), so a running one
     * is UNKNOWN, or IDLE only by an explicit age rule from the config ({@code mlflow.max-age}: running for that
     * long since its last start), said to be one; a stopped one costs no server hours and is EXEMPT.
     */
    private static Evaluation mlflow(Resource r, Evidence evidence, Duration maxAge, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (MLFLOW_STOPPED.equals(r.status())) {
            reasons.add("status Stopped: not running, no server hours billed");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (!mlflowRuns(r.status())) {
            reasons.add("status " + r.status() + ": not running, or changing state");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        // Its age: since its last change of state (LastModifiedTime; a start is one), else its creation.
        Instant since = r.runningSince() != null ? r.runningSince() : r.createdAt();
        if (since == null) {
            reasons.add("running (" + r.status() + "), since an unknown time; AWS publishes no activity signal for "
                    + "MLflow tracking servers that the sweeper can read");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        Duration age = Duration.between(since, now);
        if (maxAge != null && age.compareTo(maxAge) >= 0) {
            reasons.add("running (" + r.status() + ") for " + Durations.format(age) + " since its last start or change, longer "
                    + "than the max age " + Durations.format(maxAge) + " (mlflow.max-age): an age rule, not observed "
                    + "idleness");
            return new Evaluation(Verdict.IDLE, reasons, evidence);
        }
        reasons.add("running (" + r.status() + ") since " + ago(age)
                + "; AWS publishes no activity signal for MLflow tracking servers that the sweeper can read"
                + (maxAge != null ? " (max age " + Durations.format(maxAge) + ")"
                : ": stop it with `mlflow stop --include-active` when nobody uses it, or set mlflow.max-age"));
        return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
    }

    /**
     * A HyperPod cluster bills every instance of its instance groups whether jobs run or not, and AWS publishes no
     * signal of its use the sweeper could trust (ListClusters, DescribeCluster:
     * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeCluster.html): UNKNOWN, or IDLE only by
     * an explicit age rule from the config ({@code hyperpod.max-age}), said to be one. One being deleted is EXEMPT.
     */
    private static Evaluation hyperpod(Resource r, Evidence evidence, Duration maxAge, Instant now) {
        List<String> reasons = new ArrayList<>();
        if ("Deleting".equals(r.status())) {
            reasons.add("status Deleting: being deleted");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = Duration.between(r.createdAt(), now);
        if (IN_SERVICE.equals(r.status()) && maxAge != null && age.compareTo(maxAge) >= 0) {
            reasons.add("InService for " + Durations.format(age) + ", longer than the max age "
                    + Durations.format(maxAge) + " (hyperpod.max-age): an age rule, not observed idleness");
            prepaid(r, reasons);
            return new Evaluation(Verdict.IDLE, reasons, evidence);
        }
        reasons.add("status " + r.status() + ", created " + ago(age) + "; AWS publishes no activity signal for HyperPod "
                + "clusters that the sweeper can read" + (maxAge != null ? " (max age " + Durations.format(maxAge) + ")"
                : ""));
        prepaid(r, reasons);
        return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
    }

    /** Says which instance groups are on a training plan: paid for up front, so deleting them saves nothing. */
    private static void prepaid(Resource r, List<String> reasons) {
        if (r.cluster() == null) {
            return;
        }
        List<String> names = r.cluster().groups().stream().filter(Resource.InstanceGroup::prepaid)
                .map(Resource.InstanceGroup::name).toList();
        if (!names.isEmpty()) {
            reasons.add("instance group" + (names.size() == 1 ? " " : "s ") + String.join(", ", names)
                    + " on a training plan: prepaid, no saving (not counted in its hourly cost)");
        }
    }

    /**
     * Protection by name pattern is decided from the name alone; by tag only when the tags were
     * read ({@code tags} null otherwise).
     */
    public static Protection protection(Resource r, Map<String, String> tags, Policy policy) {
        for (Pattern p : policy.protectedNamePatterns()) {
            if (p.matcher(r.name()).find()) {
                return new Protection(true, "name matches protected pattern '" + p.pattern() + "'");
            }
        }
        if (tags == null) {
            return Protection.UNDECIDED;
        }
        String value = tags.get(policy.protectTagKey());
        if (value != null && value.equalsIgnoreCase(policy.protectTagValue())) {
            return new Protection(true, "tagged " + policy.protectTagKey() + "=" + value);
        }
        return Protection.NONE;
    }

    private static Evaluation endpoint(Resource r, Evidence evidence, Duration window, Instant now) {
        Evaluation e = judgeEndpoint(r, evidence, window, now);
        if (endpointRuns(r.status()) && !IN_SERVICE.equals(r.status()) && e.verdict() != Verdict.EXEMPT) {
            List<String> reasons = new ArrayList<>(e.reasons());
            reasons.add("status " + r.status() + ": still runs and bills its instances; only InService endpoints"
                    + " are acted on");
            return new Evaluation(e.verdict(), reasons, e.evidence());
        }
        return e;
    }

    private static Evaluation judgeEndpoint(Resource r, Evidence evidence, Duration window, Instant now) {
        List<String> reasons = new ArrayList<>();
        Resource.EndpointShape shape = r.endpoint();
        if (!endpointRuns(r.status())) {
            reasons.add("status " + r.status() + ": not in service, nothing to sweep");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (shape != null && shape.serverless() && !shape.provisionedConcurrency()) {
            reasons.add("serverless endpoint: costs nothing while idle");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (shape != null && shape.scaledToZero()) {
            // No instance runs, so none is billed: an asynchronous endpoint autoscaled to zero, or a real-time one
            // whose inference components let it scale to zero ("Scale an endpoint to zero instances",
            // https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
            reasons.add(shape.async() ? "asynchronous endpoint scaled to zero instances: costs nothing while idle"
                    : "scaled to zero: no instance billed (CurrentInstanceCount 0 on every variant)");
            components(shape, reasons);
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = Duration.between(r.createdAt(), now);
        if (age.compareTo(window) < 0) {
            reasons.add("created " + ago(age) + ", less than the " + Durations.format(window)
                    + " window: too young to judge");
            return new Evaluation(Verdict.TOO_YOUNG, reasons, evidence);
        }
        if (!(evidence instanceof Evidence.Observed observed)) {
            reasons.add(missing(evidence, "invocations"));
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        String span = " in the last " + Durations.format(window);
        if (shape != null && shape.async()) {
            var processed = observed.value(ASYNC_PROCESSED);
            var backlog = observed.value(ASYNC_BACKLOG);
            if (processed.isEmpty() || backlog.isEmpty()) {
                reasons.add("asynchronous endpoint: " + ASYNC_PROCESSED + " and " + ASYNC_BACKLOG + " not both read");
                return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
            }
            if (processed.getAsDouble() > 0 || backlog.getAsDouble() > 0) {
                reasons.add("asynchronous endpoint: " + count(processed.getAsDouble()) + " requests processed"
                        + span + ", backlog up to " + count(backlog.getAsDouble()));
                return new Evaluation(Verdict.ACTIVE, reasons, evidence);
            }
            reasons.add("asynchronous endpoint: 0 requests processed and an empty backlog" + span
                    + (observed.note() == null ? "" : " (" + observed.note() + ")"));
            return new Evaluation(Verdict.IDLE, reasons, evidence);
        }
        var invocations = observed.value(INVOCATIONS);
        if (invocations.isEmpty()) {
            reasons.add("Invocations not read");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        double n = invocations.getAsDouble();
        if (n > 0) {
            reasons.add(count(n) + " invocations" + span);
            components(shape, reasons);
            return new Evaluation(Verdict.ACTIVE, reasons, evidence);
        }
        // Requests processed prove use whatever the shape (only asynchronous endpoints publish them).
        var processed = observed.value(ASYNC_PROCESSED);
        if (processed.isPresent() && processed.getAsDouble() > 0) {
            reasons.add("asynchronous endpoint: " + count(processed.getAsDouble()) + " requests processed" + span);
            return new Evaluation(Verdict.ACTIVE, reasons, evidence);
        }
        if (shape == null || !shape.described()) {
            // Zero Invocations proves nothing until we know the endpoint is not asynchronous.
            reasons.add("0 invocations" + span + ", but the endpoint was not described (asynchronous?)");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        if (shape.components() == null) {
            // An endpoint hosting inference components reports its traffic per component: until they
            // were listed (and read), zero on the variants proves nothing.
            reasons.add("0 invocations" + span + " on its variants, but its inference components were not listed");
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        reasons.add("0 invocations" + span + (observed.note() == null ? "" : " (" + observed.note() + ")"));
        components(shape, reasons);
        if (shape.hostsComponents()) {
            reasons.add(scaleToZeroReason(null));
        }
        return new Evaluation(Verdict.IDLE, reasons, evidence);
    }

    /** How the scale-to-zero alternative to deleting an idle endpoint with inference components begins. */
    public static final String SCALE_TO_ZERO = "could scale to zero instead of being deleted";

    /**
     * An idle endpoint hosting inference components can scale to zero instances instead of being deleted, and keep
     * itself and its components for its owner: AWS needs it in service, hosting inference components, and its
     * variant's ManagedInstanceScaling.MinInstanceCount at 0 ("Scale an endpoint to zero instances",
     * https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html). {@code hourly}:
     * what that saves, USD an hour (null when unknown).
     */
    public static String scaleToZeroReason(Double hourly) {
        return SCALE_TO_ZERO + (hourly == null ? "," : String.format(Locale.ROOT, ", saving $%,.2f/hour,", hourly))
                + " keeping the endpoint and its inference components: set its variant's"
                + " ManagedInstanceScaling.MinInstanceCount to 0 and its components' copy count to 0 (AWS: \"Scale an"
                + " endpoint to zero instances\")";
    }

    /** Names the inference components an endpoint hosts, whose invocations its verdict counts. */
    private static void components(Resource.EndpointShape shape, List<String> reasons) {
        if (shape != null && shape.hostsComponents()) {
            reasons.add("hosts " + shape.components().size() + " inference component"
                    + (shape.components().size() == 1 ? "" : "s") + " (" + String.join(", ", shape.components())
                    + "): invocations summed over them and its variants");
        }
    }

    /**
     * A Studio space has no compute of its own (what runs in it are its apps, kind {@code app}, judged there), so
     * there is nothing to sweep: EXEMPT. What it still costs is its EBS volume, kept whether an app runs or not.
     */
    private static Evaluation space(Resource r, Evidence evidence) {
        List<String> reasons = new ArrayList<>();
        if ("Deleting".equals(r.status())) {
            reasons.add("status Deleting: being deleted, with its EBS volume");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        reasons.add(spaceReason(r.storageGb(), null));
        if (!IN_SERVICE.equals(r.status()) && r.status() != null) {
            reasons.add("status " + r.status());
        }
        return new Evaluation(Verdict.EXEMPT, reasons, evidence);
    }

    /**
     * Why a space is exempt, and what it costs: {@code storage only, $11.20/month (its 100 GB EBS volume)}
     * ({@code monthly}: USD a month, null when unknown).
     */
    public static String spaceReason(Integer volumeGb, Double monthly) {
        String volume = volumeGb == null ? "its EBS volume" : "its " + volumeGb + " GB EBS volume";
        return monthly == null
                ? "storage only (a space has no compute of its own; " + volume + " stays and is billed)"
                : String.format(java.util.Locale.ROOT, "storage only, $%,.2f/month (%s)", monthly, volume);
    }

    /**
     * Why a stopped notebook is exempt, and what it still costs: no compute, but its ML storage volume stays and
     * is billed ({@code monthly}: USD a month, null when unknown).
     */
    public static String stoppedReason(Integer volumeGb, Double monthly) {
        String volume = volumeGb == null ? "its ML storage volume" : "its " + volumeGb + " GB ML storage volume";
        return monthly == null
                ? "stopped: storage only (no compute while stopped; " + volume + " stays and is billed)"
                : String.format(java.util.Locale.ROOT, "stopped: storage only, $%,.2f/month (%s)", monthly, volume);
    }

    private static Evaluation notebook(Resource r, Evidence evidence, Policy policy, Instant now) {
        List<String> reasons = new ArrayList<>();
        Duration window = policy.notebookWindow();
        Verdict verdict;
        String signal = null;
        if (!IN_SERVICE.equals(r.status())) {
            reasons.add("Stopped".equals(r.status())
                    ? stoppedReason(r.storageGb(), null)
                    : "status " + r.status() + ": not in service");
            verdict = Verdict.EXEMPT;
        } else {
            Instant since = r.runningSince() != null ? r.runningSince() : r.createdAt();
            Duration uptime = Duration.between(since, now);
            if (uptime.compareTo(window) < 0) {
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
        if (log instanceof NotebookFacts.Log.Read r) {
            return "jupyter.log: no line showing work in the window" + (r.ignored() == 0 ? ""
                    : " (" + plural(r.ignored(), "line") + " from idle checkers, scripts or requests not counted)")
                    + " (proves nothing: a long-running cell logs nothing)";
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

    private static Evaluation app(Resource r, Evidence evidence, Duration maxAge, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (SYSTEM_INSTANCE.equals(r.instanceType())) {
            reasons.add("system instance: free");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (!IN_SERVICE.equals(r.status())) {
            reasons.add("status " + r.status() + ": not in service");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = Duration.between(r.createdAt(), now);
        String shutdown = idleShutdown(r.app());
        Verdict verdict;
        if (maxAge != null && age.compareTo(maxAge) >= 0) {
            reasons.add("InService for " + Durations.format(age) + ", longer than the max age "
                    + Durations.format(maxAge) + ": an age rule, not observed idleness");
            verdict = Verdict.IDLE;
        } else {
            reasons.add("no reliable activity signal for Studio apps; InService for " + Durations.format(age)
                    + (maxAge != null ? " (max age " + Durations.format(maxAge) + ")" : ""));
            verdict = Verdict.UNKNOWN;
        }
        reasons.add(shutdown);
        return new Evaluation(verdict, reasons, evidence);
    }

    /**
     * A Canvas app, judged over the window by its TimeSinceLastActive metric; never a free system app, whatever its
     * instance type says. The age rule for Studio apps does not apply: Canvas has a real signal.
     */
    private static Evaluation canvas(Resource r, Evidence evidence, Duration window, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (!IN_SERVICE.equals(r.status())) {
            reasons.add("status " + r.status() + ": not in service, no workspace hours billed");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = Duration.between(r.createdAt(), now);
        if (age.compareTo(window) < 0) {
            reasons.add("Canvas app created " + ago(age) + ", less than the " + Durations.format(window)
                    + " window: too young to judge");
            return new Evaluation(Verdict.TOO_YOUNG, reasons, evidence);
        }
        if (!(evidence instanceof Evidence.CanvasActivity activity)) {
            reasons.add(missing(evidence, CANVAS_METRIC));
            return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
        }
        Verdict verdict = canvasActivity(activity, now.minus(window), now, reasons);
        return new Evaluation(verdict, reasons, evidence);
    }

    /**
     * Whether the newest TimeSinceLastActive datapoint proves the Canvas user inactive since {@code windowStart}:
     * IDLE only when the datapoint is recent (its period ended at most {@link #CANVAS_METRIC_LAG} ago) and the last
     * activity it implies (at most the end of its period less its value) is before the window started; ACTIVE when
     * that activity falls inside the window; UNKNOWN when the data is stale or makes no sense. Adds its reason.
     */
    public static Verdict canvasActivity(Evidence.CanvasActivity a, Instant windowStart, Instant now,
                                         List<String> reasons) {
        String metric = CANVAS_METRIC + " (" + CANVAS_NAMESPACE + ")";
        if (Double.isNaN(a.timeSinceLastActive()) || a.timeSinceLastActive() < 0) {
            reasons.add(metric + ": newest datapoint " + count(a.timeSinceLastActive()) + " is not a duration");
            return Verdict.UNKNOWN;
        }
        Instant periodEnd = a.latest().plusSeconds(a.periodSeconds());
        Duration staleness = Duration.between(periodEnd, now);
        Instant lastActive = a.lastActiveAtMost(now);
        if (!lastActive.isBefore(windowStart)) {
            reasons.add(metric + ": user last active " + ago(Duration.between(lastActive, now).abs())
                    + ", inside the " + Durations.format(Duration.between(windowStart, now)) + " window");
            return Verdict.ACTIVE;
        }
        if (staleness.compareTo(CANVAS_METRIC_LAG) > 0) {
            reasons.add(metric + ": newest datapoint is " + Durations.format(staleness) + " old (more than "
                    + Durations.format(CANVAS_METRIC_LAG) + "): it no longer tells whether the user is active");
            return Verdict.UNKNOWN;
        }
        reasons.add(metric + ": user last active " + ago(Duration.between(lastActive, now)) + ", before the "
                + Durations.format(Duration.between(windowStart, now)) + " window (newest datapoint "
                + (staleness.isNegative() ? "in the current period" : Durations.format(staleness) + " old") + ")");
        return Verdict.IDLE;
    }

    private static String idleShutdown(Resource.AppShape app) {
        if (app == null || app.idleShutdown() == null) {
            return "Studio idle shutdown: unknown";
        }
        String where = app.idleShutdownWhere() == null ? "" : " (" + app.idleShutdownWhere() + ")";
        if (!app.idleShutdown()) {
            return "Studio idle shutdown is off" + where;
        }
        String coverage = app.idleShutdownCoverage();
        String image = app.image() == null ? "" : "; image " + app.image().detail();
        return "on".equals(coverage) ? "Studio idle shutdown is on" + where + image
                : "Studio idle shutdown: " + coverage + where + image;
    }

    private static String missing(Evidence evidence, String what) {
        if (evidence instanceof Evidence.Failed failed) {
            return "could not read " + what + ": " + failed.error();
        }
        if (evidence instanceof Evidence.NoSignal noSignal) {
            return "no activity signal: " + noSignal.why();
        }
        return "no " + what + " evidence gathered";
    }

    static String ago(Duration age) {
        return Durations.format(age) + " ago";
    }

    static String count(double n) {
        return n == Math.rint(n) ? String.valueOf((long) n) : String.format(Locale.ROOT, "%.1f", n);
    }

    static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p);
    }
}
