package dev.sweeper.core;

import static dev.sweeper.core.Evaluator.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the kinds AWS gives no activity signal for (MLflow tracking servers, HyperPod clusters): UNKNOWN, or
 * IDLE only by an explicit age rule, said to be one.
 */
public final class AgeRule {
    private AgeRule() {
    }

    /**
     * An MLflow tracking server: AWS publishes no activity signal for one that the sweeper could read (no
     * CloudWatch metric of its use, and its runs are behind the MLflow API of each experiment), so a running one
     * is UNKNOWN, or IDLE only by an explicit age rule from the config ({@code mlflow.max-age}: running for that
     * long since its last start), said to be one; a stopped one costs no server hours and is EXEMPT.
     */
    public static Evaluation mlflow(Resource r, Evidence evidence, Duration maxAge, Instant now) {
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
    public static Evaluation hyperpod(Resource r, Evidence evidence, Duration maxAge, Instant now) {
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
        if (r.cluster() == null || !r.cluster().described()) {
            return;
        }
        List<String> names = r.cluster().groups().stream().filter(Resource.InstanceGroup::prepaid)
                .map(Resource.InstanceGroup::name).toList();
        if (!names.isEmpty()) {
            reasons.add("instance group" + (names.size() == 1 ? " " : "s ") + String.join(", ", names)
                    + " on a training plan: prepaid, no saving (not counted in its hourly cost)");
        }
    }
}
