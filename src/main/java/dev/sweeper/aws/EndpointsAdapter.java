package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.EndpointsGateway;
import dev.sweeper.core.Futures;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Variant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;

/** {@link EndpointsGateway} over the SDK's SageMaker client, for one region. */
final class EndpointsAdapter extends SageMakerCalls implements EndpointsGateway {
    /** Endpoint configs are shared between endpoints: each is described once. */
    private final Map<String, CompletableFuture<Config>> configs = new ConcurrentHashMap<>();

    /**
     * What the sweeper needs of an endpoint config. Not the SDK's response: that holds on to its
     * HTTP response and connection, megabytes over thousands of configs kept for the whole run.
     */
    private record Config(List<ProductionVariant> productionVariants, List<ProductionVariant> shadowVariants,
                          boolean async) {
        /**
         * Whether endpoints of this config can host inference components: an instance-backed production variant
         * that names no model (ProductionVariant.ModelName is optional in SageMaker's model; AWS's deployments of
         * inference components create the endpoint config without one, the models coming with the components:
         * "Deploy models for real-time inference",
         * https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html).
         */
        boolean componentHost() {
            return !async && productionVariants.stream().anyMatch(v -> v.serverlessConfig() == null
                    && (v.modelName() == null || v.modelName().isEmpty()));
        }
    }

    EndpointsAdapter(SageMakerClient client, String region) {
        super(client, region);
    }

    @Override
    public List<Resource> listEndpoints(Consumer<List<Resource>> eachPage) {
        return call("ListEndpoints", () -> {
            List<Resource> all = new ArrayList<>();
            for (ListEndpointsResponse response : client.listEndpointsPaginator(b -> b.maxResults(PAGE))) {
                List<Resource> page = response.endpoints().stream().map(this::endpoint).toList();
                eachPage.accept(page);
                all.addAll(page);
            }
            return all;
        });
    }

    private Resource endpoint(EndpointSummary s) {
        return new Resource(s.endpointName(), region, s.endpointArn(), s.endpointStatusAsString(),
                null, null, s.creationTime(), s.creationTime(), Resource.EndpointShape.listed(), Resource.accountOf(s.endpointArn()));
    }

    @Override
    public Resource describeEndpoint(Resource listed) {
        DescribeEndpointResponse d = call("DescribeEndpoint",
                () -> client.describeEndpoint(b -> b.endpointName(listed.name())));
        List<ProductionVariantSummary> live = d.productionVariants();
        if (live.isEmpty() && d.shadowProductionVariants().isEmpty()) {
            // An endpoint still being created has no live variants yet: the config says what it will be.
            return endpoint(listed, d, List.of(), endpointConfig(d.endpointConfigName()));
        }
        // DescribeEndpoint alone tells serverless and asynchronous endpoints apart; instance types
        // need the endpoint config, read only when a cost is wanted (withInstanceTypes).
        return endpoint(listed, d, live, null);
    }

    @Override
    public Resource withInstanceTypes(Resource described) {
        Resource.EndpointShape shape = described.endpoint();
        if (shape == null || !shape.needsInstanceTypes()) {
            return described;
        }
        Config config = endpointConfig(shape.configName());
        Map<String, ProductionVariant> configured = java.util.stream.Stream.concat(
                        config.productionVariants().stream(), config.shadowVariants().stream())
                .collect(Collectors.toMap(ProductionVariant::variantName, v -> v, (a, b) -> a));
        List<Variant> variants = new ArrayList<>();
        for (Variant v : shape.variants()) {
            ProductionVariant c = configured.get(v.name());
            String type = v.serverless() || c == null ? v.instanceType() : c.instanceTypeAsString();
            variants.add(new Variant(v.name(), type, v.instanceCount(), v.serverless(), v.shadow(),
                    v.provisionedConcurrency()));
        }
        boolean async = shape.async() || config.async();
        return typed(described, new Resource.EndpointShape(shape.configName(), variants, async, true, shape.components(),
                config.componentHost()));
    }

    private Resource endpoint(Resource listed, DescribeEndpointResponse d, List<ProductionVariantSummary> live,
                              Config config) {
        List<Variant> variants = new ArrayList<>();
        if (config != null) {
            config.productionVariants().forEach(v -> variants.add(configured(v, false)));
            config.shadowVariants().forEach(v -> variants.add(configured(v, true)));
        }
        // What bills is the live CurrentInstanceCount of every production and shadow variant.
        live.forEach(v -> variants.add(live(v, false)));
        d.shadowProductionVariants().forEach(v -> variants.add(live(v, true)));
        boolean async = d.asyncInferenceConfig() != null || (config != null && config.async());
        Resource fresh = new Resource(listed.name(), region, d.endpointArn(), d.endpointStatusAsString(),
                null, null, d.creationTime(), d.creationTime(), Resource.EndpointShape.listed(), Resource.accountOf(d.endpointArn()));
        return typed(fresh, new Resource.EndpointShape(d.endpointConfigName(), variants, async, true, null,
                config == null ? null : config.componentHost()));
    }

    private static Variant configured(ProductionVariant v, boolean shadow) {
        boolean serverless = v.serverlessConfig() != null;
        return new Variant(v.variantName(), serverless ? null : v.instanceTypeAsString(),
                !serverless && v.initialInstanceCount() != null ? v.initialInstanceCount() : 0, serverless, shadow,
                serverless && v.serverlessConfig().provisionedConcurrency() != null
                        ? v.serverlessConfig().provisionedConcurrency() : 0);
    }

    private static Variant live(ProductionVariantSummary v, boolean shadow) {
        boolean serverless = v.currentServerlessConfig() != null;
        int count = serverless || v.currentInstanceCount() == null ? 0 : v.currentInstanceCount();
        int provisioned = serverless && v.currentServerlessConfig().provisionedConcurrency() != null
                ? v.currentServerlessConfig().provisionedConcurrency() : 0;
        return new Variant(v.variantName(), null, count, serverless, shadow, provisioned);
    }

    /** The resource with this shape, its instance types joined and its instances counted. */
    private static Resource typed(Resource r, Resource.EndpointShape shape) {
        LinkedHashSet<String> types = shape.variants().stream().map(Variant::instanceType)
                .filter(t -> t != null).collect(Collectors.toCollection(LinkedHashSet::new));
        int count = shape.variants().stream().mapToInt(Variant::instanceCount).sum();
        return r.withEndpoint(shape, types.isEmpty() ? null : String.join(",", types), count);
    }

    private Config endpointConfig(String name) {
        CompletableFuture<Config> mine = new CompletableFuture<>();
        CompletableFuture<Config> existing = configs.putIfAbsent(name, mine);
        if (existing != null) {
            return Futures.join(existing);
        }
        try {
            DescribeEndpointConfigResponse r = call("DescribeEndpointConfig",
                    () -> client.describeEndpointConfig(b -> b.endpointConfigName(name)));
            Config config = new Config(r.productionVariants(), r.shadowProductionVariants(),
                    r.asyncInferenceConfig() != null);
            mine.complete(config);
            return config;
        } catch (RuntimeException e) {
            configs.remove(name, mine); // a failure is not cached: the next endpoint may try again
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public Optional<String> endpointStatus(String name) {
        try {
            return Optional.of(call("DescribeEndpoint", () -> client.describeEndpoint(b -> b.endpointName(name)))
                    .endpointStatusAsString());
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void deleteEndpoint(String name) {
        call("DeleteEndpoint", () -> client.deleteEndpoint(b -> b.endpointName(name)));
    }

    @Override
    public List<InferenceComponent> listInferenceComponents(String endpointName) {
        return call("ListInferenceComponents", () -> client.listInferenceComponentsPaginator(b -> {
            b.maxResults(PAGE);
            if (endpointName != null) {
                b.endpointNameEquals(endpointName);
            }
        }).inferenceComponents().stream().map(c -> new InferenceComponent(c.inferenceComponentName(), c.endpointName(),
                c.inferenceComponentStatusAsString())).toList());
    }

    @Override
    public void deleteInferenceComponent(String name) {
        call("DeleteInferenceComponent", () -> client.deleteInferenceComponent(b -> b.inferenceComponentName(name)));
    }
}
