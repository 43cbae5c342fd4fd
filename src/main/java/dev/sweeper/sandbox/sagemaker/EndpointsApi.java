package dev.sweeper.sandbox.sagemaker;

import static dev.sweeper.sandbox.sagemaker.SageMakerApi.contains;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.enumValue;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.epoch;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.maxResults;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.order;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.text;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.time;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.world.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SageMaker's endpoint, endpoint configuration and inference component operations, answered from the {@link World}
 * with AWS's shapes (botocore's sagemaker 2017-07-24 model). Moved whole out of {@link SageMakerApi} (issue 27).
 */
final class EndpointsApi extends OperationGroup {
    private static final List<String> OPERATIONS = List.of("ListEndpoints", "DescribeEndpoint", "DescribeEndpointConfig", "DeleteEndpoint", "ListInferenceComponents", "DescribeInferenceComponent", "DeleteInferenceComponent");

    EndpointsApi(World world, ObjectMapper json) {
        super(world, json, OPERATIONS);
    }

    @Override
    ObjectNode handle(String operation, JsonNode in, String region) {
        return switch (operation) {
            case "ListEndpoints" -> listEndpoints(in, region);
            case "DescribeEndpoint" -> describeEndpoint(endpoint(in, region));
            case "DescribeEndpointConfig" -> describeEndpointConfig(in, region);
            case "DeleteEndpoint" -> deleteEndpoint(endpoint(in, region));
            case "ListInferenceComponents" -> listInferenceComponents(in, region);
            case "DescribeInferenceComponent" -> describeInferenceComponent(component(in, region));
            case "DeleteInferenceComponent" -> deleteInferenceComponent(component(in, region));
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement SageMaker." + operation);
        };
    }

    // ---- endpoints ----

    private World.Endpoint endpoint(JsonNode in, String region) {
        String name = text(in, "EndpointName", true);
        World.Endpoint e = world.endpoints.get(World.key(region, name));
        if (e == null) {
            throw AwsError.validation("Could not find endpoint \"" + world.arn(region, "endpoint/" + name) + "\".");
        }
        return e;
    }

    private ObjectNode listEndpoints(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortBy = enumValue(in, "SortBy", List.of("Name", "CreationTime", "Status"), "CreationTime");
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        String nameContains = text(in, "NameContains", false);
        String status = text(in, "StatusEquals", false);
        Instant ca = time(in, "CreationTimeAfter");
        Instant cb = time(in, "CreationTimeBefore");
        Instant ma = time(in, "LastModifiedTimeAfter");
        Instant mb = time(in, "LastModifiedTimeBefore");
        Comparator<World.Endpoint> c = switch (sortBy) {
            case "Name" -> Comparator.comparing((World.Endpoint e) -> e.name);
            case "Status" -> Comparator.comparing((World.Endpoint e) -> e.status);
            default -> Comparator.comparing((World.Endpoint e) -> e.created);
        };
        return list(in, "ListEndpoints", "Endpoints", new ArrayList<>(world.endpoints.values()),
                e -> e.region.equals(region) && contains(e.name, nameContains) && (status == null || status.equals(e.status))
                        && within(e.created, ca, cb) && within(e.lastModified, ma, mb),
                order(sortOrder, c.thenComparing(e -> e.name)), max, e -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("EndpointName", e.name);
                    o.put("EndpointArn", e.arn);
                    o.put("CreationTime", epoch(e.created));
                    o.put("LastModifiedTime", epoch(e.lastModified));
                    o.put("EndpointStatus", e.status);
                    return o;
                });
    }

    private ObjectNode describeEndpoint(World.Endpoint e) {
        World.EndpointConfig config = world.endpointConfigs.get(World.key(e.region, e.configName));
        ObjectNode o = json.createObjectNode();
        o.put("EndpointName", e.name);
        o.put("EndpointArn", e.arn);
        o.put("EndpointConfigName", e.configName);
        ArrayNode variants = o.putArray("ProductionVariants");
        ArrayNode shadows = json.createArrayNode();
        for (World.VariantConfig v : e.variants) {
            ObjectNode pv = v.shadow() ? shadows.addObject() : variants.addObject();
            pv.put("VariantName", v.name());
            if (config != null && config.minZero && !v.serverless() && !v.shadow()) {
                pv.set("ManagedInstanceScaling", managedScaling(v));
            }
            pv.putArray("DeployedImages").addObject()
                    .put("SpecifiedImage", "763104351884.dkr.ecr." + e.region + ".amazonaws.com/pytorch-inference:2.1-cpu-py310")
                    .put("ResolvedImage", "763104351884.dkr.ecr." + e.region + ".amazonaws.com/pytorch-inference@sha256:" + "0".repeat(64))
                    .put("ResolutionTime", epoch(e.created));
            pv.put("CurrentWeight", v.weight());
            pv.put("DesiredWeight", v.weight());
            if (v.serverless()) {
                ObjectNode sc = serverlessConfig(v);
                pv.set("CurrentServerlessConfig", sc);
                pv.set("DesiredServerlessConfig", sc.deepCopy());
            } else {
                // An endpoint being updated or rolled back keeps serving (and billing) its instances
                // ("the existing endpoint ... remains available", UpdateEndpoint API reference).
                pv.put("CurrentInstanceCount", RUNNING_STATUSES.contains(e.status) ? v.instanceCount() : 0);
                pv.put("DesiredInstanceCount", v.instanceCount());
            }
            if ("Creating".equals(e.status) || "Updating".equals(e.status) || "Deleting".equals(e.status)) {
                pv.putArray("VariantStatus").addObject().put("Status", e.status).put("StartTime", epoch(e.lastModified));
            }
        }
        if (!shadows.isEmpty()) {
            o.set("ShadowProductionVariants", shadows);
        }
        o.put("EndpointStatus", e.status);
        if (e.failureReason != null) {
            o.put("FailureReason", e.failureReason);
        }
        o.put("CreationTime", epoch(e.created));
        o.put("LastModifiedTime", epoch(e.lastModified));
        if (e.async) {
            o.set("AsyncInferenceConfig", asyncConfig(e.name));
        }
        return o;
    }

    /** The statuses in which an endpoint's instances run: every one but Creating, OutOfService, Failed, Deleting. */
    public static final List<String> RUNNING_STATUSES = List.of("InService", "Updating", "SystemUpdating", "RollingBack",
            "UpdateRollbackFailed");

    private ObjectNode serverlessConfig(World.VariantConfig v) {
        ObjectNode sc = json.createObjectNode().put("MemorySizeInMB", v.memorySizeInMB()).put("MaxConcurrency", v.maxConcurrency());
        if (v.provisionedConcurrency() != null) {
            sc.put("ProvisionedConcurrency", v.provisionedConcurrency());
        }
        return sc;
    }

    /**
     * ProductionVariantManagedInstanceScaling (SageMaker's service model) of a variant that may scale to zero:
     * MinInstanceCount 0, as "Scale an endpoint to zero instances" requires
     * (https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
     */
    private ObjectNode managedScaling(World.VariantConfig v) {
        return json.createObjectNode().put("Status", "ENABLED").put("MinInstanceCount", 0)
                .put("MaxInstanceCount", Math.max(1, v.instanceCount()));
    }

    private ObjectNode asyncConfig(String name) {
        ObjectNode a = json.createObjectNode();
        a.putObject("ClientConfig").put("MaxConcurrentInvocationsPerInstance", 4);
        a.putObject("OutputConfig").put("S3OutputPath", "s3://sagemaker-" + world.account + "/async/" + name + "/output");
        return a;
    }

    private ObjectNode describeEndpointConfig(JsonNode in, String region) {
        String name = text(in, "EndpointConfigName", true);
        World.EndpointConfig c = world.endpointConfigs.get(World.key(region, name));
        if (c == null) {
            throw AwsError.validation("Could not find endpoint configuration \"" + world.arn(region, "endpoint-config/" + name) + "\".");
        }
        ObjectNode o = json.createObjectNode();
        o.put("EndpointConfigName", c.name);
        o.put("EndpointConfigArn", c.arn);
        ArrayNode variants = o.putArray("ProductionVariants");
        ArrayNode shadows = json.createArrayNode();
        for (World.VariantConfig v : c.variants) {
            ObjectNode pv = v.shadow() ? shadows.addObject() : variants.addObject();
            pv.put("VariantName", v.name());
            if (c.modelName != null) {
                pv.put("ModelName", c.modelName);
            }
            if (c.minZero && !v.serverless() && !v.shadow()) {
                pv.set("ManagedInstanceScaling", managedScaling(v));
            }
            pv.put("InitialVariantWeight", v.weight());
            if (v.serverless()) {
                pv.set("ServerlessConfig", serverlessConfig(v));
            } else {
                // The config keeps the count it was created with (at least 1); autoscaling to zero
                // changes only the endpoint's CurrentInstanceCount.
                pv.put("InitialInstanceCount", Math.max(1, v.instanceCount()));
                pv.put("InstanceType", v.instanceType());
            }
        }
        if (!shadows.isEmpty()) {
            o.set("ShadowProductionVariants", shadows);
        }
        o.put("CreationTime", epoch(c.created));
        if (c.modelName == null) {
            // A config for inference components gives the role its components' models run with.
            o.put("ExecutionRoleArn", "arn:aws:iam::" + world.account + ":role/SageMakerExecutionRole");
        }
        if (c.async) {
            o.set("AsyncInferenceConfig", asyncConfig(c.name));
        }
        return o;
    }

    private ObjectNode deleteEndpoint(World.Endpoint e) {
        if ("Deleting".equals(e.status) || "Creating".equals(e.status) || "Updating".equals(e.status)) {
            throw AwsError.validation("Cannot update in-progress endpoint \"" + e.arn + "\".");
        }
        // An endpoint that still hosts inference components, even ones being deleted, cannot be
        // deleted: they must be deleted first (SageMaker refuses, "delete all Models first":
        // https://github.com/aws/amazon-sagemaker-feedback/issues/49; a component stuck in Creating
        // keeps its endpoint alive: https://github.com/aws/amazon-sagemaker-examples/issues/3432).
        // AWS documents no error code for it; the sandbox answers as SageMaker does its other
        // DeleteEndpoint refusals, with a ValidationException.
        List<World.InferenceComponent> hosted = world.componentsOf(e);
        if (!hosted.isEmpty()) {
            throw AwsError.validation("Endpoint \"" + e.arn + "\" still hosts " + hosted.size()
                    + " inference component(s). Delete its inference components before deleting the endpoint.");
        }
        e.status = "Deleting";
        e.lastModified = world.now();
        world.later(() -> {
            world.endpoints.remove(World.key(e.region, e.name));
            world.tags.remove(e.arn);
        });
        return json.createObjectNode();
    }

    // ---- inference components ----

    /** InferenceComponentStatus in SageMaker's service model. */
    public static final List<String> COMPONENT_STATUSES = List.of("InService", "Creating", "Updating", "Failed", "Deleting");

    private World.InferenceComponent component(JsonNode in, String region) {
        String name = text(in, "InferenceComponentName", true);
        World.InferenceComponent c = world.inferenceComponents.get(World.key(region, name));
        if (c == null) {
            throw AwsError.validation("Could not find inference component \"" + world.arn(region, "inference-component/" + name) + "\".");
        }
        return c;
    }

    /**
     * ListInferenceComponents (API reference): MaxResults 1..100, default 10; SortBy Name, CreationTime
     * (default) or Status; SortOrder default Descending; EndpointNameEquals and VariantNameEquals keep
     * the components hosted there.
     */
    private ObjectNode listInferenceComponents(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortBy = enumValue(in, "SortBy", List.of("Name", "CreationTime", "Status"), "CreationTime");
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        String status = enumValue(in, "StatusEquals", COMPONENT_STATUSES, null);
        String nameContains = text(in, "NameContains", false);
        String endpoint = text(in, "EndpointNameEquals", false);
        String variant = text(in, "VariantNameEquals", false);
        Instant ca = time(in, "CreationTimeAfter");
        Instant cb = time(in, "CreationTimeBefore");
        Instant ma = time(in, "LastModifiedTimeAfter");
        Instant mb = time(in, "LastModifiedTimeBefore");
        Comparator<World.InferenceComponent> c = switch (sortBy) {
            case "Name" -> Comparator.comparing((World.InferenceComponent ic) -> ic.name);
            case "Status" -> Comparator.comparing((World.InferenceComponent ic) -> ic.status);
            default -> Comparator.comparing((World.InferenceComponent ic) -> ic.created);
        };
        return list(in, "ListInferenceComponents", "InferenceComponents", new ArrayList<>(world.inferenceComponents.values()),
                ic -> ic.region.equals(region) && contains(ic.name, nameContains) && (status == null || status.equals(ic.status))
                        && (endpoint == null || endpoint.equals(ic.endpointName))
                        && (variant == null || variant.equals(ic.variantName))
                        && within(ic.created, ca, cb) && within(ic.lastModified, ma, mb),
                order(sortOrder, c.thenComparing(ic -> ic.name)), max, ic -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("CreationTime", epoch(ic.created));
                    o.put("InferenceComponentArn", ic.arn);
                    o.put("InferenceComponentName", ic.name);
                    o.put("EndpointArn", ic.endpointArn);
                    o.put("EndpointName", ic.endpointName);
                    o.put("VariantName", ic.variantName);
                    o.put("InferenceComponentStatus", ic.status);
                    o.put("LastModifiedTime", epoch(ic.lastModified));
                    return o;
                });
    }

    private ObjectNode describeInferenceComponent(World.InferenceComponent ic) {
        ObjectNode o = json.createObjectNode();
        o.put("InferenceComponentName", ic.name);
        o.put("InferenceComponentArn", ic.arn);
        o.put("EndpointName", ic.endpointName);
        o.put("EndpointArn", ic.endpointArn);
        o.put("VariantName", ic.variantName);
        if ("Failed".equals(ic.status)) {
            o.put("FailureReason", "Sandbox: the inference component failed to start.");
        }
        ObjectNode spec = o.putObject("Specification");
        spec.put("ModelName", ic.name + "-model");
        spec.putObject("ComputeResourceRequirements").put("NumberOfAcceleratorDevicesRequired", 1)
                .put("MinMemoryRequiredInMb", 1024);
        ObjectNode runtime = o.putObject("RuntimeConfig");
        runtime.put("DesiredCopyCount", ic.copies);
        runtime.put("CurrentCopyCount", "InService".equals(ic.status) ? ic.copies : 0);
        o.put("CreationTime", epoch(ic.created));
        o.put("LastModifiedTime", epoch(ic.lastModified));
        o.put("InferenceComponentStatus", ic.status);
        return o;
    }

    /**
     * The component goes Deleting, then is gone (DeleteInferenceComponent returns at once; the
     * deletion completes later). One being created, updated or already deleted cannot be deleted
     * (a component stuck in Creating cannot be deleted:
     * https://github.com/aws/amazon-sagemaker-examples/issues/3432).
     */
    private ObjectNode deleteInferenceComponent(World.InferenceComponent ic) {
        if ("Creating".equals(ic.status) || "Updating".equals(ic.status) || "Deleting".equals(ic.status)) {
            throw AwsError.validation("Cannot delete inference component \"" + ic.arn + "\" while its status is "
                    + ic.status + ".");
        }
        ic.status = "Deleting";
        ic.lastModified = world.now();
        world.later(() -> {
            world.inferenceComponents.remove(World.key(ic.region, ic.name));
            world.tags.remove(ic.arn);
        });
        return json.createObjectNode();
    }
}
