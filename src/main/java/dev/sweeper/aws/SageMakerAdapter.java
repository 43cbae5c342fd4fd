package dev.sweeper.aws;

import dev.sweeper.core.AutostopRollout;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Futures;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Resource;
import dev.sweeper.core.StudioIdleShutdown;
import dev.sweeper.core.StudioSettings;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppLifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.CodeEditorAppSettings;
import software.amazon.awssdk.services.sagemaker.model.IdleSettings;
import software.amazon.awssdk.services.sagemaker.model.JupyterLabAppSettings;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointConfigResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DomainDetails;
import software.amazon.awssdk.services.sagemaker.model.EndpointSummary;
import software.amazon.awssdk.services.sagemaker.model.LifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceLifecycleHook;
import software.amazon.awssdk.services.sagemaker.model.ListEndpointsResponse;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceSummary;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariant;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.SpaceDetails;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/** {@link SageMakerGateway} over the SDK's SageMaker client, for one region. */
final class SageMakerAdapter implements SageMakerGateway {
    private static final int PAGE = 100;

    private final SageMakerClient client;
    private final String region;
    /** Runs independent calls (the describes behind the app listing) concurrently. */
    private final Executor pool;
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

    /** Tags in bulk, or null: one ListTags per resource. */
    private final BulkTags bulkTags;
    /**
     * The region's Studio domains, listed once for the life of this adapter (one command): apps and spaces, inspected
     * side by side, both start from them. A failed listing is not kept: the next caller tries again.
     */
    private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<List<DomainDetails>>> domains =
            new java.util.concurrent.atomic.AtomicReference<>();

    SageMakerAdapter(SageMakerClient client, String region, Executor pool) {
        this(client, region, pool, null);
    }

    SageMakerAdapter(SageMakerClient client, String region, Executor pool, BulkTags bulkTags) {
        this.client = client;
        this.region = region;
        this.pool = pool;
        this.bulkTags = bulkTags;
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
        return new Resource(Kind.ENDPOINT, s.endpointName(), region, s.endpointArn(), s.endpointStatusAsString(),
                null, null, s.creationTime(), s.creationTime(), null, null, null);
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
        Resource fresh = new Resource(Kind.ENDPOINT, listed.name(), region, d.endpointArn(), d.endpointStatusAsString(),
                null, null, d.creationTime(), d.creationTime(), null, null, null);
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

    @Override
    public List<Resource> listNotebooks() {
        return call("ListNotebookInstances", () -> client.listNotebookInstancesPaginator(b -> b.maxResults(PAGE))
                .notebookInstances().stream().map(this::notebook).toList());
    }

    private Resource notebook(NotebookInstanceSummary s) {
        return notebook(s.notebookInstanceName(), s.notebookInstanceArn(), s.notebookInstanceStatusAsString(),
                s.instanceTypeAsString(), s.creationTime(), s.lastModifiedTime(), s.notebookInstanceLifecycleConfigName());
    }

    private Resource notebook(String name, String arn, String status, String type, java.time.Instant created,
                              java.time.Instant modified, String lifecycle) {
        // While InService, LastModifiedTime is the last start: uptime is measured from it.
        java.time.Instant since = modified != null ? modified : created;
        return new Resource(Kind.NOTEBOOK, name, region, arn, status, type, 1, created, since, null,
                new Resource.NotebookShape(lifecycle), null);
    }

    @Override
    public Optional<Resource> describeNotebook(String name) {
        try {
            DescribeNotebookInstanceResponse d = call("DescribeNotebookInstance",
                    () -> client.describeNotebookInstance(b -> b.notebookInstanceName(name)));
            // VolumeSizeInGB: only the describe has it (NotebookInstanceSummary does not).
            return Optional.of(notebook(d.notebookInstanceName(), d.notebookInstanceArn(),
                    d.notebookInstanceStatusAsString(), d.instanceTypeAsString(), d.creationTime(),
                    d.lastModifiedTime(), d.notebookInstanceLifecycleConfigName()).withVolumeSize(d.volumeSizeInGB()));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<AutostopRollout.Config> describeLifecycleConfig(String name) {
        try {
            var d = call("DescribeNotebookInstanceLifecycleConfig",
                    () -> client.describeNotebookInstanceLifecycleConfig(b -> b.notebookInstanceLifecycleConfigName(name)));
            return Optional.of(new AutostopRollout.Config(d.notebookInstanceLifecycleConfigName(),
                    hook(d.hasOnStart() ? d.onStart() : null), hook(d.hasOnCreate() ? d.onCreate() : null)));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String hook(List<NotebookInstanceLifecycleHook> hooks) {
        return hooks == null || hooks.isEmpty() ? null : hooks.get(0).content();
    }

    @Override
    public void createLifecycleConfig(AutostopRollout.Config config) {
        call("CreateNotebookInstanceLifecycleConfig", () -> client.createNotebookInstanceLifecycleConfig(b -> {
            b.notebookInstanceLifecycleConfigName(config.name());
            if (config.onStart() != null) {
                b.onStart(h -> h.content(config.onStart()));
            }
            if (config.onCreate() != null) {
                b.onCreate(h -> h.content(config.onCreate()));
            }
        }));
    }

    @Override
    public void setNotebookLifecycleConfig(String notebook, String configName) {
        call("UpdateNotebookInstance", () -> client.updateNotebookInstance(b -> {
            b.notebookInstanceName(notebook);
            if (configName == null) {
                b.disassociateLifecycleConfig(true);
            } else {
                b.lifecycleConfigName(configName);
            }
        }));
    }

    @Override
    public void stopNotebook(String name) {
        call("StopNotebookInstance", () -> client.stopNotebookInstance(b -> b.notebookInstanceName(name)));
    }

    @Override
    public void startNotebook(String name) {
        call("StartNotebookInstance", () -> client.startNotebookInstance(b -> b.notebookInstanceName(name)));
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
            var d = call("DescribeCluster", () -> client.describeCluster(b -> b.clusterName(name)));
            List<Resource.InstanceGroup> groups = d.instanceGroups().stream()
                    .map(g -> new Resource.InstanceGroup(g.instanceGroupName(), g.instanceTypeAsString(),
                            g.currentCount() == null ? 0 : g.currentCount(), g.targetCount()))
                    .toList();
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
        return new Resource(Kind.HYPERPOD, name, region, arn, status, null, count, created, created, null, null, null,
                Resource.accountOf(arn), shape);
    }

    @Override
    public List<Resource> listMlflowServers() {
        return call("ListMlflowTrackingServers", () -> client.listMlflowTrackingServersPaginator(b -> b.maxResults(PAGE))
                .trackingServerSummaries().stream()
                .map(s -> mlflowServer(s.trackingServerName(), s.trackingServerArn(), s.trackingServerStatusAsString(),
                        null, s.creationTime(), s.lastModifiedTime()))
                .toList());
    }

    private Resource mlflowServer(String name, String arn, String status, String size, java.time.Instant created,
                                  java.time.Instant modified) {
        // The size stands in the instance-type column: Small, Medium or Large.
        return new Resource(Kind.MLFLOW, name, region, arn, status, size, 1, created,
                modified != null ? modified : created, null, null, null);
    }

    @Override
    public Optional<Resource> describeMlflowServer(String name) {
        try {
            var d = call("DescribeMlflowTrackingServer", () -> client.describeMlflowTrackingServer(b -> b.trackingServerName(name)));
            return Optional.of(mlflowServer(d.trackingServerName(), d.trackingServerArn(), d.trackingServerStatusAsString(),
                    d.trackingServerSizeAsString(), d.creationTime(), d.lastModifiedTime()));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void stopMlflowServer(String name) {
        call("StopMlflowTrackingServer", () -> client.stopMlflowTrackingServer(b -> b.trackingServerName(name)));
    }

    @Override
    public void startMlflowServer(String name) {
        call("StartMlflowTrackingServer", () -> client.startMlflowTrackingServer(b -> b.trackingServerName(name)));
    }

    /**
     * Domains are described and their apps listed all at once; then every space and user profile
     * whose idle-shutdown setting decides a running app is described once, all at once.
     */
    @Override
    public List<Resource> listApps() {
        List<String> problems = new ArrayList<>();
        List<Resource> apps = listApps(problems);
        if (!problems.isEmpty()) {
            throw new AwsCallException("DescribeDomain", null, String.join("; ", problems), false, null);
        }
        return apps;
    }

    /** ListDomains to its last page, once: whoever asks first lists them, later callers wait for that answer. */
    private List<DomainDetails> domains() {
        CompletableFuture<List<DomainDetails>> mine = new CompletableFuture<>();
        CompletableFuture<List<DomainDetails>> existing = domains.compareAndExchange(null, mine);
        if (existing != null) {
            return Futures.join(existing);
        }
        try {
            List<DomainDetails> listed = call("ListDomains",
                    () -> client.listDomainsPaginator(b -> b.maxResults(PAGE)).domains().stream().toList());
            mine.complete(listed);
            return listed;
        } catch (RuntimeException e) {
            domains.compareAndSet(mine, null);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public List<Resource> listSpaces(List<String> problems) {
        List<DomainDetails> listed = domains();
        List<CompletableFuture<List<SpaceDetails>>> spaces = listed.stream()
                .map(d -> async(() -> call("ListSpaces", () -> client.listSpacesPaginator(
                        b -> b.domainIdEquals(d.domainId()).maxResults(PAGE)).spaces().stream().toList())))
                .toList();
        List<Resource> out = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            try {
                Futures.join(spaces.get(i)).forEach(s -> out.add(space(s)));
            } catch (AwsCallException e) {
                problems.add(region + ": domain " + listed.get(i).domainId() + ": could not list its spaces, so"
                        + " their storage is not shown: " + e.getMessage());
            }
        }
        return out;
    }

    /** A space as listed: SpaceDetails carries its storage size, owner and sharing type (no DescribeSpace needed). */
    private Resource space(SpaceDetails s) {
        var settings = s.spaceSettingsSummary();
        Integer ebs = settings == null || settings.spaceStorageSettings() == null
                || settings.spaceStorageSettings().ebsStorageSettings() == null ? null
                : settings.spaceStorageSettings().ebsStorageSettings().ebsVolumeSizeInGb();
        return new Resource(Kind.SPACE, s.spaceName(), region, null, s.statusAsString(), null, null, s.creationTime(),
                s.creationTime(), null, null, null, null, null,
                new Resource.SpaceShape(s.domainId(),
                        s.ownershipSettingsSummary() == null ? null : s.ownershipSettingsSummary().ownerUserProfileName(),
                        s.spaceSharingSettingsSummary() == null ? null
                                : s.spaceSharingSettingsSummary().sharingTypeAsString(),
                        settings == null ? null : settings.appTypeAsString(), ebs));
    }

    @Override
    public Optional<Resource> describeSpace(Resource space) {
        try {
            DescribeSpaceResponse d = call("DescribeSpace", () -> client.describeSpace(
                    b -> b.domainId(space.space().domainId()).spaceName(space.name())));
            return Optional.of(space.withArn(d.spaceArn()).withStatus(d.statusAsString()));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<Resource> listApps(List<String> problems) {
        List<DomainDetails> domains = domains();
        List<CompletableFuture<DescribeDomainResponse>> described = domains.stream()
                .map(d -> async(() -> call("DescribeDomain", () -> client.describeDomain(b -> b.domainId(d.domainId())))))
                .toList();
        List<CompletableFuture<List<AppDetails>>> listed = domains.stream()
                .map(d -> async(() -> call("ListApps", () -> client.listAppsPaginator(
                        b -> b.domainIdEquals(d.domainId()).maxResults(PAGE)).apps().stream().toList())))
                .toList();
        // A domain that cannot be described or listed costs only its own apps.
        List<Integer> readable = new ArrayList<>();
        for (int i = 0; i < domains.size(); i++) {
            try {
                Futures.join(described.get(i));
                Futures.join(listed.get(i));
                readable.add(i);
            } catch (AwsCallException e) {
                problems.add(region + ": domain " + domains.get(i).domainId() + ": could not read it, so its apps"
                        + " are not evaluated: " + e.getMessage());
            }
        }
        Map<String, CompletableFuture<Owner>> owners = new LinkedHashMap<>();
        Described ownerReads = new Described();
        for (int i : readable) {
            DescribeDomainResponse domain = Futures.join(described.get(i));
            for (AppDetails a : Futures.join(listed.get(i))) {
                if (needsOwnerSetting(a)) {
                    String domainId = domain.domainId();
                    owners.computeIfAbsent(ownerKey(a), k -> async(() -> a.spaceName() != null
                            ? spaceOwner(domainId, a.spaceName(), a.appTypeAsString(), ownerReads)
                            : new Owner(profileLevel(domainId, a.userProfileName(), a.appTypeAsString(), ownerReads),
                                    null)));
                }
            }
        }
        List<Resource> apps = new ArrayList<>();
        for (int i : readable) {
            DescribeDomainResponse domain = Futures.join(described.get(i));
            for (AppDetails a : Futures.join(listed.get(i))) {
                apps.add(app(a, domain, needsOwnerSetting(a) ? Futures.join(owners.get(ownerKey(a))) : null));
            }
        }
        return apps;
    }

    /** A running app that can shut itself down takes its setting from its space or user profile. */
    private static boolean needsOwnerSetting(AppDetails a) {
        return isRunning(a) && StudioIdleShutdown.appliesTo(a.appTypeAsString())
                && (a.spaceName() != null || a.userProfileName() != null);
    }

    private static boolean isRunning(AppDetails a) {
        String type = a.resourceSpec() == null ? null : a.resourceSpec().instanceTypeAsString();
        return "InService".equals(a.statusAsString()) && !"system".equals(type);
    }

    /** Settings differ by app type (JupyterLab, CodeEditor), in spaces and profiles alike. */
    private static String ownerKey(AppDetails a) {
        return a.domainId() + (a.spaceName() != null ? "/space/" + a.spaceName() : "/profile/" + a.userProfileName())
                + "/" + a.appTypeAsString();
    }

    /**
     * The settings below the domain's that bear on an app's idle shutdown: its user profile's, its space's. (The
     * space's EBS volume is the space's own row, kind space, from ListSpaces.)
     */
    private record Owner(StudioIdleShutdown.Level profile, StudioIdleShutdown.Level space) {
    }

    private <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, pool);
    }

    /** {@code owner}: the settings of the app's user profile and space, when it runs and can shut itself down. */
    private Resource app(AppDetails a, DescribeDomainResponse domain, Owner owner) {
        String type = a.resourceSpec() == null ? null : a.resourceSpec().instanceTypeAsString();
        Boolean shutdown = null;
        String where = null;
        if (isRunning(a)) {
            AppLifecycleManagement d = appSettings(domain.defaultUserSettings(), a.appTypeAsString());
            StudioIdleShutdown.Decision decision = StudioIdleShutdown.decide(a.appTypeAsString(),
                    StudioIdleShutdown.Level.of(domain.domainName(), enabled(d), timeout(d)),
                    owner == null ? null : owner.profile(), owner == null ? null : owner.space());
            shutdown = decision.on();
            where = decision.where();
        }
        return new Resource(Kind.APP, a.appName(), region, null, a.statusAsString(), type, 1, a.creationTime(),
                a.creationTime(), null, null,
                new Resource.AppShape(a.domainId(), a.appTypeAsString(), a.userProfileName(), a.spaceName(),
                        shutdown, where));
    }

    private static AppLifecycleManagement appSettings(UserSettings settings, String appType) {
        if (settings == null) {
            return null;
        }
        if ("JupyterLab".equals(appType) && settings.jupyterLabAppSettings() != null) {
            return settings.jupyterLabAppSettings().appLifecycleManagement();
        }
        if ("CodeEditor".equals(appType) && settings.codeEditorAppSettings() != null) {
            return settings.codeEditorAppSettings().appLifecycleManagement();
        }
        return null;
    }

    private static Boolean enabled(AppLifecycleManagement m) {
        if (m == null || m.idleSettings() == null || m.idleSettings().lifecycleManagement() == null) {
            return null;
        }
        return m.idleSettings().lifecycleManagement() == LifecycleManagement.ENABLED;
    }

    private static Integer timeout(AppLifecycleManagement m) {
        return m == null || m.idleSettings() == null ? null : m.idleSettings().idleTimeoutInMinutes();
    }

    /** Spaces and user profiles described during one listing: each once, whichever app asks first. */
    private static final class Described {
        final Map<String, CompletableFuture<DescribeSpaceResponse>> spaces = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<String, CompletableFuture<DescribeUserProfileResponse>> profiles = new java.util.concurrent.ConcurrentHashMap<>();

        /** The first caller reads it on its own thread; later callers wait for that answer. */
        static <T> T once(Map<String, CompletableFuture<T>> cache, String key, Supplier<T> read) {
            CompletableFuture<T> mine = new CompletableFuture<>();
            CompletableFuture<T> f = cache.putIfAbsent(key, mine);
            if (f == null) {
                f = mine;
                try {
                    mine.complete(read.get());
                } catch (RuntimeException e) {
                    mine.completeExceptionally(e);
                }
            }
            return Futures.join(f);
        }
    }

    /** A user profile's own setting for the app type. */
    private StudioIdleShutdown.Level profileLevel(String domainId, String profile, String appType, Described described) {
        DescribeUserProfileResponse p = Described.once(described.profiles, domainId + "/" + profile,
                () -> call("DescribeUserProfile",
                        () -> client.describeUserProfile(b -> b.domainId(domainId).userProfileName(profile))));
        AppLifecycleManagement m = appSettings(p.userSettings(), appType);
        return StudioIdleShutdown.Level.of(profile, enabled(m), timeout(m));
    }

    /** A space's own timeout for the app type, and, for a private space, its owner's profile. */
    private Owner spaceOwner(String domainId, String space, String appType, Described described) {
        DescribeSpaceResponse s = Described.once(described.spaces, domainId + "/" + space,
                () -> call("DescribeSpace", () -> client.describeSpace(b -> b.domainId(domainId).spaceName(space))));
        Integer timeout = null;
        if (s.spaceSettings() != null) {
            var alm = "JupyterLab".equals(appType)
                    ? (s.spaceSettings().jupyterLabAppSettings() == null ? null
                    : s.spaceSettings().jupyterLabAppSettings().appLifecycleManagement())
                    : (s.spaceSettings().codeEditorAppSettings() == null ? null
                    : s.spaceSettings().codeEditorAppSettings().appLifecycleManagement());
            timeout = alm == null || alm.idleSettings() == null ? null : alm.idleSettings().idleTimeoutInMinutes();
        }
        String owner = s.ownershipSettings() == null ? null : s.ownershipSettings().ownerUserProfileName();
        return new Owner(owner == null ? null : profileLevel(domainId, owner, appType, described),
                StudioIdleShutdown.Level.of(space, null, timeout));
    }

    @Override
    public Optional<Resource> describeApp(Resource app) {
        Resource.AppShape shape = app.app();
        try {
            var d = call("DescribeApp", () -> client.describeApp(b -> b.domainId(shape.domainId())
                    .appType(shape.appType()).appName(app.name())
                    .userProfileName(shape.userProfile()).spaceName(shape.space())));
            return Optional.of(new Resource(Kind.APP, app.name(), region, d.appArn(), d.statusAsString(),
                    app.instanceType(), app.instanceCount(), app.createdAt(), app.runningSince(), null, null, shape));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void deleteApp(Resource app) {
        Resource.AppShape shape = app.app();
        call("DeleteApp", () -> client.deleteApp(b -> b.domainId(shape.domainId()).appType(shape.appType())
                .appName(app.name()).userProfileName(shape.userProfile()).spaceName(shape.space())));
    }

    @Override
    public Map<String, String> listTags(String arn) {
        return call("ListTags", () -> {
            Map<String, String> tags = new LinkedHashMap<>();
            client.listTagsPaginator(b -> b.resourceArn(arn).maxResults(50)).tags()
                    .forEach((Tag t) -> tags.put(t.key(), t.value()));
            return tags;
        });
    }

    @Override
    public TagsRead tagsOf(List<String> arns, Consumer<String> warn) {
        return bulkTags == null ? SageMakerGateway.super.tagsOf(arns, warn) : bulkTags.read(arns, this::listTags, warn);
    }

    @Override
    public void addTags(String arn, Map<String, String> tags) {
        call("AddTags", () -> client.addTags(b -> b.resourceArn(arn).tags(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())));
    }

    @Override
    public void deleteTags(String arn, List<String> keys) {
        call("DeleteTags", () -> client.deleteTags(b -> b.resourceArn(arn).tagKeys(keys)));
    }

    @Override
    public List<StudioSettings> listStudioSettings(StudioSettings.Scope scope) {
        List<DomainDetails> domains = call("ListDomains",
                () -> client.listDomainsPaginator(b -> b.maxResults(PAGE)).domains().stream().toList());
        List<StudioSettings> out = new ArrayList<>();
        for (DomainDetails listed : domains) {
            DescribeDomainResponse d = call("DescribeDomain", () -> client.describeDomain(b -> b.domainId(listed.domainId())));
            Map<String, StudioSettings.Idle> defaults = idleByType(d.defaultUserSettings());
            if (scope == StudioSettings.Scope.DOMAIN) {
                out.add(new StudioSettings(scope, region, d.domainId(), d.domainName(), d.domainName(), d.domainArn(),
                        defaults, defaults));
                continue;
            }
            List<String> names = call("ListUserProfiles", () -> client.listUserProfilesPaginator(
                    b -> b.domainIdEquals(d.domainId()).maxResults(PAGE)).userProfiles().stream()
                    .map(p -> p.userProfileName()).toList());
            for (String name : names) {
                describeProfile(d, name).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<StudioSettings> describeProfile(DescribeDomainResponse d, String name) {
        try {
            DescribeUserProfileResponse p = call("DescribeUserProfile",
                    () -> client.describeUserProfile(b -> b.domainId(d.domainId()).userProfileName(name)));
            return Optional.of(new StudioSettings(StudioSettings.Scope.USER_PROFILE, region, d.domainId(), d.domainName(),
                    p.userProfileName(), p.userProfileArn(), idleByType(p.userSettings()),
                    idleByType(d.defaultUserSettings())));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty(); // deleted between the listing and now
            }
            throw e;
        }
    }

    @Override
    public Optional<StudioSettings> describeStudioSettings(StudioSettings s) {
        DescribeDomainResponse d;
        try {
            d = call("DescribeDomain", () -> client.describeDomain(b -> b.domainId(s.domainId())));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
        if (s.scope() == StudioSettings.Scope.DOMAIN) {
            Map<String, StudioSettings.Idle> defaults = idleByType(d.defaultUserSettings());
            return Optional.of(new StudioSettings(s.scope(), region, d.domainId(), d.domainName(), d.domainName(),
                    d.domainArn(), defaults, defaults));
        }
        return describeProfile(d, s.name());
    }

    /**
     * Read-modify-write of the JupyterLab and Code Editor app settings, and nothing else: AWS's API reference says
     * of UpdateDomain's DefaultUserSettings and UpdateUserProfile's UserSettings only "A collection of settings",
     * without saying whether an app type's settings sent are merged into or replace the ones it has, so each is
     * sent whole (its resource spec, images, lifecycle configurations as read) with only AppLifecycleManagement
     * changed. https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateDomain.html
     */
    @Override
    public void setIdleSettings(StudioSettings target, Map<String, StudioSettings.Idle> settings) {
        if (target.scope() == StudioSettings.Scope.DOMAIN) {
            DescribeDomainResponse d = call("DescribeDomain", () -> client.describeDomain(b -> b.domainId(target.domainId())));
            UserSettings changed = withIdle(d.defaultUserSettings(), settings);
            call("UpdateDomain", () -> client.updateDomain(b -> b.domainId(target.domainId())
                    .defaultUserSettings(changed)));
        } else {
            DescribeUserProfileResponse p = call("DescribeUserProfile", () -> client.describeUserProfile(
                    b -> b.domainId(target.domainId()).userProfileName(target.name())));
            UserSettings changed = withIdle(p.userSettings(), settings);
            call("UpdateUserProfile", () -> client.updateUserProfile(b -> b.domainId(target.domainId())
                    .userProfileName(target.name()).userSettings(changed)));
        }
    }

    /** Only the app types changed, each with the rest of its settings as read. */
    private static UserSettings withIdle(UserSettings current, Map<String, StudioSettings.Idle> settings) {
        UserSettings.Builder out = UserSettings.builder();
        for (Map.Entry<String, StudioSettings.Idle> e : settings.entrySet()) {
            AppLifecycleManagement alm = AppLifecycleManagement.builder().idleSettings(idleSettings(e.getValue())).build();
            switch (e.getKey()) {
                case "JupyterLab" -> {
                    JupyterLabAppSettings was = current == null ? null : current.jupyterLabAppSettings();
                    out.jupyterLabAppSettings((was == null ? JupyterLabAppSettings.builder() : was.toBuilder())
                            .appLifecycleManagement(alm).build());
                }
                case "CodeEditor" -> {
                    CodeEditorAppSettings was = current == null ? null : current.codeEditorAppSettings();
                    out.codeEditorAppSettings((was == null ? CodeEditorAppSettings.builder() : was.toBuilder())
                            .appLifecycleManagement(alm).build());
                }
                default -> throw new IllegalArgumentException("no idle settings for app type " + e.getKey());
            }
        }
        return out.build();
    }

    private static IdleSettings idleSettings(StudioSettings.Idle idle) {
        return IdleSettings.builder().lifecycleManagement(idle.lifecycleManagement())
                .idleTimeoutInMinutes(idle.idleTimeoutMinutes()).minIdleTimeoutInMinutes(idle.minIdleTimeoutMinutes())
                .maxIdleTimeoutInMinutes(idle.maxIdleTimeoutMinutes()).build();
    }

    private static Map<String, StudioSettings.Idle> idleByType(UserSettings settings) {
        Map<String, StudioSettings.Idle> out = new LinkedHashMap<>();
        for (String type : StudioSettings.APP_TYPES) {
            AppLifecycleManagement m = appSettings(settings, type);
            IdleSettings i = m == null ? null : m.idleSettings();
            out.put(type, i == null ? StudioSettings.Idle.NOT_SET : new StudioSettings.Idle(
                    i.lifecycleManagement() == null ? null : i.lifecycleManagementAsString(), i.idleTimeoutInMinutes(),
                    i.minIdleTimeoutInMinutes(), i.maxIdleTimeoutInMinutes()));
        }
        return out;
    }

    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Errors.translate(operation, e);
        }
    }
}
