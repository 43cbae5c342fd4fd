package dev.sweeper.core.kinds;

import dev.sweeper.core.AgeRule;
import dev.sweeper.core.Evaluation;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Evidence;
import dev.sweeper.core.Policy;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SageMaker's managed MLflow tracking servers: no activity signal, so UNKNOWN while running, or IDLE by an age rule
 * ({@code mlflow.max-age}, {@link AgeRule#mlflow}); billed by the hour of their size while running.
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
    public Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        return AgeRule.mlflow(r, evidence, policy.maxAge(r.kind()), now);
    }

    @Override
    public void json(Resource r, Fields json) {
        json.field("trackingServerSize", r.instanceType()); // additive: Small, Medium, Large
    }
}
