package dev.sweeper.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Resource;
import dev.sweeper.core.kinds.HyperPodKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * {@link HyperPodKind.Gateway} over the SDK's SageMaker client, for one region, with what the SDK does not model of
 * it ({@link InstanceTypeDetails}, which the SageMaker client carries: {@link #interceptor()}).
 */
final class HyperPodAdapter extends SageMakerCalls implements HyperPodKind.Gateway {

    HyperPodAdapter(SageMakerClient client, String region) {
        super(client, region);
    }

    /** What the SageMaker client must carry for {@link #describeCluster} to read flexible instance groups. */
    static ExecutionInterceptor interceptor() {
        return new InstanceTypeDetails();
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

    /**
     * DescribeCluster's {@code InstanceGroups[].InstanceTypeDetails}, which the SDK this build uses (2.40.2) predates:
     * botocore's sagemaker 2017-07-24 model has it (ClusterInstanceTypeDetail: InstanceType, CurrentCount), present "for
     * flexible instance groups that support multiple instance types", whose InstanceType may then be absent. The SDK
     * drops members it does not know, so this reads them from the answer's body into the holder the caller put on its
     * request ({@link #HOLDER}, one per call: nothing is shared between calls), as
     * {@code group=type:count,type:count;group2=...}. Every other answer passes through untouched.
     */
    static final class InstanceTypeDetails implements ExecutionInterceptor {
        /** Put on a DescribeCluster request by the caller, which reads it after the call. */
        static final ExecutionAttribute<AtomicReference<String>> HOLDER =
                new ExecutionAttribute<>("sweeper.instanceTypeDetails");
        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                               ExecutionAttributes attributes) {
            Optional<InputStream> body = context.responseBody();
            AtomicReference<String> holder = attributes.getAttribute(HOLDER);
            if (body.isEmpty() || holder == null || !context.httpResponse().isSuccessful()) {
                return body;
            }
            byte[] bytes;
            try (InputStream in = body.get()) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                holder.set(encode(JSON.readTree(bytes)));
            } catch (IOException e) {
                // Not JSON: the SDK's own unmarshalling says what is wrong with it.
            }
            return Optional.of(new ByteArrayInputStream(bytes));
        }

        /** Each instance group's InstanceTypeDetails, by group name; empty when none gives any. */
        static String encode(JsonNode describeCluster) {
            StringBuilder out = new StringBuilder();
            for (JsonNode g : describeCluster.path("InstanceGroups")) {
                JsonNode details = g.get("InstanceTypeDetails");
                if (details == null || !details.isArray() || details.isEmpty()) {
                    continue;
                }
                StringBuilder types = new StringBuilder();
                for (JsonNode d : details) {
                    types.append(types.length() == 0 ? "" : ",").append(d.path("InstanceType").asText(""))
                            .append(':').append(d.path("CurrentCount").asInt(0));
                }
                out.append(out.length() == 0 ? "" : ";").append(g.path("InstanceGroupName").asText("")).append('=')
                        .append(types);
            }
            return out.toString();
        }

        /** The holder's value read back: group name to (instance type to its current count). */
        static Map<String, Map<String, Integer>> decode(String header) {
            Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
            if (header == null || header.isEmpty()) {
                return out;
            }
            for (String group : header.split(";")) {
                int eq = group.indexOf('=');
                Map<String, Integer> types = new LinkedHashMap<>();
                for (String t : group.substring(eq + 1).split(",")) {
                    int colon = t.lastIndexOf(':');
                    types.merge(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)), Integer::sum);
                }
                out.put(group.substring(0, eq), types);
            }
            return out;
        }
    }
}
