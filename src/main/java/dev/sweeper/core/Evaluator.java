package dev.sweeper.core;

import java.time.Duration;
import java.time.Instant;
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
        return r.app() != null && CANVAS.equals(r.app().appType());
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

    /** The rule of the resource's kind ({@link dev.sweeper.core.kinds.KindDefinition#evaluate}). */
    public static Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        return r.kind().definition().evaluate(r, evidence, policy, now);
    }

    /**
     * Whether the newest TimeSinceLastActive datapoint proves the Canvas user inactive since {@code windowStart}
     * (see {@link AppRule}): IDLE, ACTIVE or UNKNOWN; adds its reason. An action re-checks with it just before it acts.
     */
    public static Verdict canvasActivity(Evidence.CanvasActivity a, Instant windowStart, Instant now,
                                         List<String> reasons) {
        return AppRule.canvasActivity(a, windowStart, now, reasons);
    }


    /**
     * Protection by name pattern is decided from the name alone; by tag only when the tags were
     * read ({@code tags} null otherwise).
     */
    public static Protection protection(Resource r, Map<String, String> tags, Policy policy) {
        return protection(r.name(), tags, policy);
    }

    /**
     * The same rule for anything with a name and tags that a command changes (a Studio domain's or user profile's
     * settings, which {@code apps idle-shutdown} changes): one rule, whatever is protected.
     */
    public static Protection protection(String name, Map<String, String> tags, Policy policy) {
        for (Pattern p : policy.protectedNamePatterns()) {
            if (p.matcher(name).find()) {
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



    static String missing(Evidence evidence, String what) {
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
}
