package dev.sweeper.sandbox.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.world.World;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SageMaker HyperPod's cluster operations (issue 13, point 3), answered from the {@link World} with the shapes of
 * botocore's sagemaker 2017-07-24 model: ListClusters (paginated by NextToken, MaxResults 1..100, result key
 * ClusterSummaries; SortBy CREATION_TIME (default) or NAME, SortOrder Ascending (default) or Descending,
 * NameContains, CreationTimeAfter/Before) and DescribeCluster (ClusterName a name or an ARN; ResourceNotFound),
 * with the ClusterStatus and InstanceGroupStatus enums.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListClusters.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeCluster.html
 *
 * <p>The texts of the errors are the sandbox's own: AWS documents the error codes, not their messages.
 */
final class HyperPodApi extends OperationGroup {
    /** ClusterNameOrArn. */
    private static final Pattern NAME_OR_ARN = Pattern.compile(
            "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:cluster/[a-z0-9]{12})|([a-zA-Z0-9](-*[a-zA-Z0-9]){0,62})");
    private static final List<String> OPERATIONS = List.of("ListClusters", "DescribeCluster");

    HyperPodApi(World world, ObjectMapper json) {
        super(world, json, OPERATIONS);
    }

    @Override
    ObjectNode handle(String operation, JsonNode in, String region) {
        return switch (operation) {
            case "ListClusters" -> list(in, region);
            case "DescribeCluster" -> describe(cluster(in, region));
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement SageMaker." + operation);
        };
    }

    private World.Cluster cluster(JsonNode in, String region) {
        String name = SageMakerApi.text(in, "ClusterName", true);
        if (!NAME_OR_ARN.matcher(name).matches()) {
            throw AwsError.validation("1 validation error detected: Value '" + name + "' at 'clusterName' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: " + NAME_OR_ARN.pattern());
        }
        for (World.Cluster c : world.clusters.values()) {
            if (c.region.equals(region) && (c.name.equals(name) || c.arn.equals(name))) {
                return c;
            }
        }
        throw AwsError.resourceNotFound("Cluster " + name + " does not exist.");
    }

    private ObjectNode list(JsonNode in, String region) {
        int max = SageMakerApi.maxResults(in, 1, 100, 10);
        String sortBy = SageMakerApi.enumValue(in, "SortBy", List.of("CREATION_TIME", "NAME"), "CREATION_TIME");
        String sortOrder = SageMakerApi.enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Ascending");
        String contains = SageMakerApi.text(in, "NameContains", false);
        Instant after = SageMakerApi.time(in, "CreationTimeAfter");
        Instant before = SageMakerApi.time(in, "CreationTimeBefore");
        Comparator<World.Cluster> c = "NAME".equals(sortBy) ? Comparator.comparing((World.Cluster x) -> x.name)
                : Comparator.comparing((World.Cluster x) -> x.created);
        return SageMakerApi.list(json, in, "ListClusters", "ClusterSummaries", world.clusters.values(),
                x -> x.region.equals(region) && (contains == null || x.name.contains(contains))
                        && SageMakerApi.within(x.created, after, before),
                SageMakerApi.order(sortOrder, c.thenComparing(x -> x.name)), max,
                x -> json.createObjectNode().put("ClusterArn", x.arn).put("ClusterName", x.name)
                        .put("CreationTime", SageMakerApi.epoch(x.created)).put("ClusterStatus", x.status));
    }

    private ObjectNode describe(World.Cluster x) {
        ObjectNode o = json.createObjectNode();
        o.put("ClusterArn", x.arn);
        o.put("ClusterName", x.name);
        o.put("ClusterStatus", x.status);
        o.put("CreationTime", SageMakerApi.epoch(x.created));
        // botocore's model: DescribeClusterResponse has InstanceGroups (ClusterInstanceGroupDetails, whose flexible
        // groups give InstanceTypeDetails, a list of InstanceType and CurrentCount, "for flexible instance groups that
        // support multiple instance types") and RestrictedInstanceGroups (ClusterRestrictedInstanceGroupDetails); both
        // carry TrainingPlanArn for a group on a training plan.
        ArrayNode groups = o.putArray("InstanceGroups");
        ArrayNode restricted = null;
        for (World.ClusterGroup g : x.groups) {
            if (g.restricted && restricted == null) {
                restricted = o.putArray("RestrictedInstanceGroups");
            }
            ObjectNode n = (g.restricted ? restricted : groups).addObject().put("CurrentCount", g.currentCount)
                    .put("TargetCount", g.targetCount).put("InstanceGroupName", g.name);
            if (g.instanceType != null) {
                n.put("InstanceType", g.instanceType);
            }
            if (!g.instanceTypes.isEmpty()) {
                ArrayNode details = n.putArray("InstanceTypeDetails");
                g.instanceTypes.forEach((type, count) -> details.addObject().put("InstanceType", type)
                        .put("CurrentCount", count));
            }
            n.put("Status", g.status);
            if (g.trainingPlanArn != null) {
                n.put("TrainingPlanArn", g.trainingPlanArn).put("TrainingPlanStatus", "Active");
            }
        }
        return o;
    }
}
