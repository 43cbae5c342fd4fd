package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.HyperPodGateway;
import dev.sweeper.core.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** {@link HyperPodGateway} over the SDK's SageMaker client, for one region. */
final class HyperPodAdapter extends SageMakerCalls implements HyperPodGateway {

    HyperPodAdapter(SageMakerClient client, String region) {
        super(client, region);
    }

    @Override
    public List<Resource> listClusters() {
        return call("ListClusters", () -> client.listClustersPaginator(b -> b.maxResults(PAGE)).clusterSummaries()
                .stream().map(s -> cluster(s.clusterName(), s.clusterArn(), s.clusterStatusAsString(), s.creationTime(),
                        null))
                .toList());
    }

    @Override
    public Optional<Resource> describeCluster(String name) {
        try {
            var details = new java.util.concurrent.atomic.AtomicReference<String>();
            var d = call("DescribeCluster", () -> client.describeCluster(b -> b.clusterName(name)
                    .overrideConfiguration(o -> o.putExecutionAttribute(InstanceTypeDetails.HOLDER, details))));
            Map<String, Map<String, Integer>> byType = InstanceTypeDetails.decode(details.get());
            List<Resource.InstanceGroup> groups = new ArrayList<>();
            d.instanceGroups().forEach(g -> groups.add(new Resource.InstanceGroup(g.instanceGroupName(),
                    g.instanceTypeAsString(), g.currentCount() == null ? 0 : g.currentCount(), g.targetCount(),
                    byType.get(g.instanceGroupName()), false, g.trainingPlanArn())));
            // Restricted instance groups (for training models like Amazon Nova) bill their instances as the others do.
            d.restrictedInstanceGroups().forEach(g -> groups.add(new Resource.InstanceGroup(g.instanceGroupName(),
                    g.instanceTypeAsString(), g.currentCount() == null ? 0 : g.currentCount(), g.targetCount(),
                    Map.of(), true, g.trainingPlanArn())));
            return Optional.of(cluster(d.clusterName() != null ? d.clusterName() : name, d.clusterArn(),
                    d.clusterStatusAsString(), d.creationTime(), new Resource.ClusterShape(groups)));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The instance count stands for the cluster's instances (the sum of its groups' CurrentCount), when described. */
    private Resource cluster(String name, String arn, String status, java.time.Instant created,
                             Resource.ClusterShape shape) {
        Integer count = shape == null ? null : shape.groups().stream().mapToInt(Resource.InstanceGroup::currentCount).sum();
        return new Resource(name, region, arn, status, null, count, created, created,
                shape == null ? Resource.ClusterShape.listed() : shape,
                Resource.accountOf(arn));
    }
}
