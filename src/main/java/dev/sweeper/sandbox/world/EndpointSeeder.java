package dev.sweeper.sandbox.world;

import dev.sweeper.sandbox.fleet.FleetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seeds endpoints, their endpoint configurations and inference components, and their CloudWatch series from the fleet
 * (served by the SageMaker API's EndpointsApi and by CloudWatch).
 */
final class EndpointSeeder {
    private EndpointSeeder() {
    }

    /**
     * Puts the fleet's endpoints, endpoint configurations and inference components into the world; called by {@link World#load}, under its lock.
     */
    static void seed(World w, FleetSpec fleet) {
        String defaultRegion = fleet.region();
        for (FleetSpec.Endpoint e : fleet.endpoints()) {
            World.Endpoint ep = new World.Endpoint();
            ep.region = World.or(e.region(), defaultRegion);
            ep.name = e.name();
            ep.arn = w.arn(ep.region, "endpoint/" + e.name());
            ep.status = World.or(e.status(), "InService");
            ep.failureReason = "Failed".equals(ep.status) ? World.or(e.failureReason(), "The primary container for production variant AllTraffic did not pass the ping health check.") : null;
            ep.created = w.ago(e.age(), "30d");
            ep.lastModified = e.updated() != null ? w.ago(e.updated(), null) : ep.created.plusSeconds(Math.min(420, Math.max(0, Duration.between(ep.created, w.start).getSeconds())));
            ep.async = Boolean.TRUE.equals(e.async());
            List<World.VariantConfig> variants = new ArrayList<>();
            List<FleetSpec.Variant> specs = e.variants() == null || e.variants().isEmpty()
                    ? List.of(new FleetSpec.Variant("AllTraffic", "ml.m5.large", 1, null, null, null)) : e.variants();
            for (FleetSpec.Variant v : specs) {
                String vname = World.or(v.name(), "AllTraffic");
                if (v.serverless() != null) {
                    variants.add(new World.VariantConfig(vname, null, 0, v.weight() == null ? 1.0 : v.weight(),
                            v.serverless().memorySizeInMB() == null ? 2048 : v.serverless().memorySizeInMB(),
                            v.serverless().maxConcurrency() == null ? 5 : v.serverless().maxConcurrency(),
                            v.serverless().provisionedConcurrency(), Boolean.TRUE.equals(v.shadow())));
                } else {
                    variants.add(new World.VariantConfig(vname, World.or(v.instanceType(), "ml.m5.large"),
                            v.instanceCount() == null ? 1 : v.instanceCount(), v.weight() == null ? 1.0 : v.weight(), null, null,
                            null, Boolean.TRUE.equals(v.shadow())));
                }
                w.addMetrics(ep.region, World.ENDPOINT_NAMESPACE, Map.of("EndpointName", ep.name, "VariantName", vname), v.metrics());
            }
            ep.variants = List.copyOf(variants);
            ep.configName = World.or(e.config(), ep.name + "-config");
            String ckey = World.key(ep.region, ep.configName);
            if (!w.endpointConfigs.containsKey(ckey)) {
                World.EndpointConfig c = new World.EndpointConfig();
                c.region = ep.region;
                c.name = ep.configName;
                c.arn = w.arn(ep.region, "endpoint-config/" + ep.configName);
                c.created = ep.created.minusSeconds(60);
                c.async = ep.async;
                // An endpoint made for inference components has a config that names no model (ModelName is
                // optional in SageMaker's ProductionVariant; "Deploy models for real-time inference",
                // https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-w.endpoints-deploy-models.html).
                c.modelName = e.inferenceComponents() != null ? null : ep.name + "-model";
                c.minZero = e.inferenceComponents() != null
                        && ep.variants.stream().anyMatch(v -> !v.serverless() && v.instanceCount() == 0);
                c.variants = ep.variants;
                w.endpointConfigs.put(ckey, c);
            }
            w.endpoints.put(World.key(ep.region, ep.name), ep);
            w.putTags(ep.arn, e.tags());
            w.addMetrics(ep.region, World.ENDPOINT_NAMESPACE, Map.of("EndpointName", ep.name), e.asyncMetrics());
            if (e.inferenceComponents() != null) {
                for (FleetSpec.InferenceComponent ic : e.inferenceComponents()) {
                    World.InferenceComponent c = new World.InferenceComponent();
                    c.region = ep.region;
                    c.name = ic.name();
                    c.arn = w.arn(ep.region, "inference-component/" + ic.name());
                    c.endpointName = ep.name;
                    c.endpointArn = ep.arn;
                    c.variantName = World.or(ic.variant(), ep.variants.get(0).name());
                    c.status = World.or(ic.status(), "InService");
                    c.created = ic.age() != null ? w.ago(ic.age(), null) : ep.created.plusSeconds(60);
                    c.lastModified = c.created.plusSeconds(Math.min(300, Math.max(0, Duration.between(c.created, w.start).getSeconds())));
                    c.copies = ic.copies() == null ? 1 : ic.copies();
                    w.inferenceComponents.put(World.key(c.region, c.name), c);
                    w.putTags(c.arn, null);
                    // Each component's invocations: namespace AWS/SageMaker, dimension InferenceComponentName
                    // ("Dimensions for endpoint invocation metrics", https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html#cloudwatch-metrics-endpoint-invocation).
                    w.addMetrics(c.region, World.ENDPOINT_NAMESPACE, Map.of(World.COMPONENT_DIMENSION, c.name), ic.metrics());
                }
            }
        }
    }
}
