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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SageMaker HyperPod clusters: every instance group bills whether jobs run or not, and AWS publishes no signal of
 * their use: UNKNOWN, or IDLE by an age rule ({@code hyperpod.max-age}, {@link #evaluate}); no action.
 */
public final class HyperPodKind implements KindDefinition {
    /**
     * The SageMaker calls on HyperPod clusters, in one region: declared with the kind, its
     * own family; {@link SageMakerGateway} extends it. Every method throws {@link dev.sweeper.core.AwsCallException} when the call fails.
     */
    public interface Gateway {

        /**
         * Every HyperPod cluster (ListClusters, to its last page): name, ARN, status, creation time; its instance
         * groups are not listed (null until described).
         */
        List<Resource> listClusters();

        /** The cluster as it is now, with its instance groups (DescribeCluster), or empty when it no longer exists. */
        Optional<Resource> describeCluster(String name);
    }

    /** The price table's section of its instances: USD per instance-hour by instance type. */
    private static final PriceUsage.Section PRICES = PriceUsage.Section.byInstanceType("hyperpod");

    @Override
    public Class<Resource.ClusterShape> shape() {
        return Resource.ClusterShape.class;
    }

    @Override
    public String plural() {
        return "HyperPod clusters";
    }

    @Override
    public String heading() {
        return "HyperPod clusters";
    }

    @Override
    public List<Resource> list(SageMakerGateway sm, Listing listing) {
        return sm.listClusters();
    }

    @Override
    public Gathering gathering() {
        return Gathering.NONE;
    }

    /** Its instance groups bill whatever the cluster's status. */
    @Override
    public boolean runs(Resource r) {
        return true;
    }

    /**
     * Each instance of each instance group, its restricted ones included, at the instance's type: a group's
     * CurrentCount of its InstanceType, or, for a flexible group, each InstanceTypeDetails entry's CurrentCount of
     * that type. A group on a training plan was paid for up front with the plan (AWS's TrainingPlanOffering has an
     * UpfrontFee): nothing of it is saved, so it counts nothing. Not described: unknown.
     */
    @Override
    public List<Billed> billed(Resource r) {
        if (r.cluster() == null || !r.cluster().described()) {
            return null;
        }
        List<Billed> out = new ArrayList<>();
        for (Resource.InstanceGroup g : r.cluster().groups()) {
            if (g.prepaid()) {
                continue;
            }
            Map<String, Integer> byType = !g.instancesByType().isEmpty() ? g.instancesByType()
                    : g.currentCount() == 0 ? Map.of() : Collections.singletonMap(g.instanceType(), g.currentCount());
            for (Map.Entry<String, Integer> e : byType.entrySet()) {
                if (e.getValue() != null && e.getValue() != 0) {
                    out.add(new Billed(PRICES.name(), e.getKey() == null ? null : usage(e.getKey(), r.region()),
                            e.getValue()));
                }
            }
        }
        return out;
    }

    @Override
    public List<PriceUsage.Section> priceSections() {
        return List.of(PRICES);
    }

    /**
     * A HyperPod cluster instance of this type, per instance of each instance group: usage type
     * {@code Cluster:<instance type>}, as the other usage types of {@link PriceUsages} taken from real records and
     * Cost and Usage Report line items quoted in public code, and also quoted with the Pricing API.
     */
    public static PriceUsage usage(String instanceType, String region) {
        return PriceUsages.usage(PRICES.name(), instanceType, null, region, "Cluster:" + instanceType);
    }

    /** Each one not being deleted is described for its instance groups: its cost. */
    @Override
    public boolean describes(Resource listed, boolean describeAll) {
        return !"Deleting".equals(listed.status());
    }

    /** A cluster gone since it was listed is not reported. */
    @Override
    public Optional<Resource> describe(SageMakerGateway sm, Resource listed) {
        return sm.describeCluster(listed.name());
    }

    @Override
    public String unknownUndescribed() {
        return "its instance groups and cost are unknown";
    }

    /** Idle by an age rule only. */
    @Override
    public boolean idleByAgeOnly(Resource r) {
        return true;
    }

    @Override
    public String ageRuleKey() {
        return "hyperpod.max-age";
    }

    /**
     * A HyperPod cluster bills every instance of its instance groups whether jobs run or not, and AWS publishes no
     * signal of its use the sweeper could trust (ListClusters, DescribeCluster:
     * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeCluster.html): UNKNOWN, or IDLE only by
     * an explicit age rule from the config ({@code hyperpod.max-age}), said to be one. One being deleted is EXEMPT.
     */
    @Override
    public Evaluation evaluate(Resource r, Evidence evidence, Policy policy, Instant now) {
        Duration maxAge = policy.maxAge(r.kind());
        List<String> reasons = new ArrayList<>();
        if ("Deleting".equals(r.status())) {
            reasons.add("status Deleting: being deleted");
            return new Evaluation(Verdict.EXEMPT, reasons, evidence);
        }
        Duration age = Duration.between(r.createdAt(), now);
        if (Evaluator.IN_SERVICE.equals(r.status()) && AgeRule.reached(age, maxAge)) {
            reasons.add("InService for " + Durations.format(age) + AgeRule.longerThan(maxAge, ageRuleKey()));
            prepaid(r, reasons);
            return new Evaluation(Verdict.IDLE, reasons, evidence);
        }
        reasons.add("status " + r.status() + ", created " + AgeRule.ago(age) + "; AWS publishes no activity signal for "
                + "HyperPod clusters that the sweeper can read" + AgeRule.noted(maxAge));
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

    /** Additive: its instance groups, null while it was not described. */
    @Override
    public void json(Resource r, Fields json) {
        Resource.ClusterShape cluster = r.cluster();
        if (cluster == null || !cluster.described()) {
            json.nullField("instanceGroups");
            return;
        }
        json.startArray("instanceGroups");
        for (Resource.InstanceGroup g : cluster.groups()) {
            json.startObject().field("name", g.name()).field("instanceType", g.instanceType())
                    .field("currentCount", g.currentCount()).field("targetCount", g.targetCount())
                    .field("restricted", g.restricted()).field("trainingPlanArn", g.trainingPlanArn());
            if (!g.instancesByType().isEmpty()) {
                json.startObject("instanceTypeDetails");
                g.instancesByType().forEach(json::field);
                json.endObject();
            }
            json.endObject();
        }
        json.endArray();
    }
}
