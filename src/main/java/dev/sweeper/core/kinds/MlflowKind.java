package dev.sweeper.core.kinds;

import dev.sweeper.core.AgeRule;
import dev.sweeper.core.Durations;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SageMaker's managed MLflow tracking servers: no activity signal, so UNKNOWN while running, or IDLE by an age rule
 * ({@code mlflow.max-age}, {@link #evaluate}); billed by the hour of their size while running.
 */
public final class MlflowKind implements KindDefinition {
    /**
     * The SageMaker calls on MLflow tracking servers, in one region: declared with the kind, its
     * own family; {@link SageMakerGateway} extends it. Every method throws {@link dev.sweeper.core.AwsCallException} when the call fails.
     */
    public interface Gateway {

        /**
         * Every MLflow tracking server (ListMlflowTrackingServers, to its last page): name, ARN, status, times; the
         * size is not listed (null until described).
         */
        List<Resource> listMlflowServers();

        /**
         * The tracking server as it is now, with its size (DescribeMlflowTrackingServer), or empty when it no longer
         * exists.
         */
        Optional<Resource> describeMlflowServer(String name);

        void stopMlflowServer(String name);

        void startMlflowServer(String name);
    }

    @Override
    public Class<Resource.MlflowShape> shape() {
        return Resource.MlflowShape.class;
    }

    @Override
    public String plural() {
        return "MLflow tracking servers";
    }

    @Override
    public String heading() {
        return "MLflow tracking servers";
    }

    @Override
    public List<Resource> list(SageMakerGateway sm, Listing listing) {
        return sm.listMlflowServers();
    }

    /** Per hour while running, by TrackingServerSize. */
    @Override
    public List<PriceUsage.Section> priceSections() {
        return List.of(new PriceUsage.Section("mlflow", java.util.regex.Pattern.compile("Small|Medium|Large"),
                "a TrackingServerSize (Small, Medium, Large)", "Small: 0.5"));
    }

    @Override
    public Gathering gathering() {
        return Gathering.NONE;
    }

    /** Running, billed by the hour of its size. */
    @Override
    public boolean runs(Resource r) {
        return Evaluator.mlflowRuns(r.status());
    }

    /** By TrackingServerSize (its {@code instanceType}); unknown until described. */
    @Override
    public List<Billed> billed(Resource r) {
        return List.of(new Billed("mlflow", r.instanceType() == null ? null
                : PriceUsages.mlflow(r.instanceType(), r.region()), 1));
    }

    /** Scan and report describe the running ones for their size, which the listing does not give. */
    @Override
    public boolean describes(Resource listed, boolean describeAll) {
        return describeAll && Evaluator.mlflowRuns(listed.status());
    }

    /** A server gone since it was listed is reported Deleted. */
    @Override
    public Optional<Resource> describe(SageMakerGateway sm, Resource listed) {
        return Optional.of(sm.describeMlflowServer(listed.name()).orElse(listed.withStatus("Deleted")));
    }

    @Override
    public String unknownUndescribed() {
        return "its size is unknown";
    }

    /** Idle by an age rule only. */
    @Override
    public boolean idleByAgeOnly(Resource r) {
        return true;
    }

    @Override
    public String ageRuleKey() {
        return "mlflow.max-age";
    }

    /**
     * An MLflow tracking server: AWS publishes no activity signal for one that the sweeper could read (no
     * CloudWatch metric of its use, and its runs are behind the MLflow API of each experiment), so a running one
     * is UNKNOWN, or IDLE only by an explicit age rule from the config ({@code mlflow.max-age}: running for that
     * long since its last start), said to be one; a stopped one costs no server hours and is EXEMPT.
     */
    @Override
    public Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        Duration maxAge = policy.maxAge(r.kind());
        List<String> reasons = new ArrayList<>();
        if (Evaluator.MLFLOW_STOPPED.equals(r.status())) {
            reasons.add("status Stopped: not running, no server hours billed");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        if (!Evaluator.mlflowRuns(r.status())) {
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
        if (AgeRule.reached(age, maxAge)) {
            reasons.add("running (" + r.status() + ") for " + Durations.format(age) + " since its last start or change"
                    + AgeRule.longerThan(maxAge, ageRuleKey()));
            return new Evaluation(Verdict.IDLE, reasons, evidence);
        }
        reasons.add("running (" + r.status() + ") since " + AgeRule.ago(age)
                + "; AWS publishes no activity signal for MLflow tracking servers that the sweeper can read"
                + (maxAge != null ? AgeRule.noted(maxAge)
                : ": stop it with `mlflow stop --include-active` when nobody uses it, or set " + ageRuleKey()));
        return new Evaluation(Verdict.UNKNOWN, reasons, evidence);
    }

    @Override
    public void json(Resource r, Fields json) {
        json.field("trackingServerSize", r.instanceType()); // additive: Small, Medium, Large
    }
}
