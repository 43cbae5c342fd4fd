package dev.sweeper.sandbox.world;

import dev.sweeper.sandbox.SandboxOptions;
import dev.sweeper.sandbox.fleet.Durations;
import dev.sweeper.sandbox.fleet.FleetSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's resources and their mutable state. Every read and write of resource state
 * happens under this object's monitor; status transitions are scheduled after {@code transitionDelay}.
 */
public final class World implements AutoCloseable {
    public static final String ENDPOINT_NAMESPACE = "AWS/SageMaker";
    public static final String COMPONENT_DIMENSION = "InferenceComponentName";

    public final Instant start;
    public final Clock clock;
    public final String account;
    public final Duration transitionDelay;
    public final MetricStore metrics = new MetricStore();
    /** How long a new series stays out of ListMetrics; see {@link SandboxOptions#listMetricsLag()}. */
    public volatile Duration listMetricsLag = SandboxOptions.DEFAULT_LIST_METRICS_LAG;
    private final ScheduledExecutorService scheduler;

    public final Map<String, Notebook> notebooks = new LinkedHashMap<>();
    public final Map<String, LifecycleConfig> lifecycleConfigs = new LinkedHashMap<>();
    public final Map<String, EndpointConfig> endpointConfigs = new LinkedHashMap<>();
    public final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /** By region and name: a component's name is unique in its account and region, whatever its endpoint. */
    public final Map<String, InferenceComponent> inferenceComponents = new LinkedHashMap<>();
    public final Map<String, Domain> domains = new LinkedHashMap<>();
    /** HyperPod clusters by region and name. */
    public final Map<String, Cluster> clusters = new LinkedHashMap<>();
    /** MLflow tracking servers by region and name. */
    public final Map<String, MlflowServer> mlflowServers = new LinkedHashMap<>();
    public final Map<String, Topic> topics = new LinkedHashMap<>();
    public final Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    public final List<Message> messages = new ArrayList<>();

    public World(Clock clock, String account, Duration transitionDelay) {
        this.clock = clock;
        this.start = clock.instant();
        this.account = account;
        this.transitionDelay = transitionDelay;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sandbox-transitions");
            t.setDaemon(true);
            return t;
        });
    }

    public Instant now() {
        return clock.instant();
    }

    public static String key(String region, String name) {
        return region + "/" + name;
    }

    public String arn(String region, String resource) {
        return "arn:aws:sagemaker:" + region + ":" + account + ":" + resource.toLowerCase(Locale.ROOT);
    }

    /** Runs {@code change} under the lock after the configured transition delay. */
    public void later(Runnable change) {
        long ms = transitionDelay.toMillis();
        scheduler.schedule(() -> {
            synchronized (this) {
                change.run();
            }
        }, Math.max(0, ms), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    // ---- resources ----

    public static final class Notebook {
        public String region;
        public String name;
        public String arn;
        public String instanceType;
        public String status;
        public String failureReason;
        public Instant created;
        public Instant lastModified;
        public String lifecycleConfig;
        public boolean failTransition;
        public int volumeSizeInGB;
        /** Its PlatformIdentifier (default notebook-al2023-v1, AWS's default since 15 May 2026). */
        public String platform = "notebook-al2023-v1";
    }

    /** A notebook instance lifecycle configuration; hooks hold their base64 Content as given, null when absent. */
    public static final class LifecycleConfig {
        public String region;
        public String name;
        public String arn;
        public Instant created;
        public Instant lastModified;
        public String onStart;
        public String onCreate;
    }

    public synchronized void putLifecycleConfig(String region, String name, String onStart, String onCreate, Instant at) {
        LifecycleConfig c = new LifecycleConfig();
        c.region = region;
        c.name = name;
        c.arn = arn(region, "notebook-instance-lifecycle-config/" + name);
        c.created = at;
        c.lastModified = at;
        c.onStart = onStart;
        c.onCreate = onCreate;
        lifecycleConfigs.put(key(region, name), c);
    }

    public record VariantConfig(String name, String instanceType, int instanceCount, double weight,
                         Integer memorySizeInMB, Integer maxConcurrency, Integer provisionedConcurrency,
                         boolean shadow) {
        public boolean serverless() {
            return memorySizeInMB != null;
        }
    }

    public static final class EndpointConfig {
        public String region;
        public String name;
        public String arn;
        public Instant created;
        public boolean async;
        /** Null for a config made for inference components: the models come with the components. */
        public String modelName;
        public List<VariantConfig> variants;
        /**
         * Whether its instance-backed variants scale with ManagedInstanceScaling down to MinInstanceCount 0, as an
         * endpoint needs to scale to zero ("Scale an endpoint to zero instances",
         * https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-zero-instances.html).
         */
        public boolean minZero;
    }

    public static final class Endpoint {
        public String region;
        public String name;
        public String arn;
        public String configName;
        public String status;
        public String failureReason;
        public Instant created;
        public Instant lastModified;
        public boolean async;
        public List<VariantConfig> variants;
    }

    /** An inference component, hosted on one variant of one endpoint. */
    public static final class InferenceComponent {
        public String region;
        public String name;
        public String arn;
        public String endpointName;
        public String endpointArn;
        public String variantName;
        public String status;
        public Instant created;
        public Instant lastModified;
        public int copies;
    }

    /** The inference components an endpoint hosts, in creation order. */
    public List<InferenceComponent> componentsOf(Endpoint e) {
        List<InferenceComponent> out = new ArrayList<>();
        for (InferenceComponent c : inferenceComponents.values()) {
            if (c.region.equals(e.region) && c.endpointName.equals(e.name)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * One app type's AppLifecycleManagement.IdleSettings as UpdateDomain, UpdateUserProfile or UpdateSpace last set
     * it; a null field is not set. A space's has only the timeout (SpaceIdleSettings).
     */
    public static final class IdleSettings {
        public String lifecycleManagement;
        public Integer idleTimeoutMinutes;
        public Integer minIdleTimeoutMinutes;
        public Integer maxIdleTimeoutMinutes;
    }

    public static final class Domain {
        /** DefaultUserSettings' idle settings by app type (JupyterLab, CodeEditor) once updated; over idleShutdown. */
        public final Map<String, IdleSettings> idleUpdates = new LinkedHashMap<>();
        public String region;
        public String id;
        public String name;
        public String arn;
        public Instant created;
        public Boolean idleShutdown;
        public int idleTimeoutMinutes;
        public final Map<String, UserProfile> profiles = new LinkedHashMap<>();
        public final Map<String, Space> spaces = new LinkedHashMap<>();
        public final List<App> apps = new ArrayList<>();
    }

    public static final class UserProfile {
        /** UserSettings' idle settings by app type once updated; over idleShutdown. */
        public final Map<String, IdleSettings> idleUpdates = new LinkedHashMap<>();
        public String name;
        public String arn;
        public Instant created;
        public Boolean idleShutdown;
    }

    public static final class Space {
        /** SpaceSettings' idle timeout by app type once updated; over idleShutdown. */
        public final Map<String, IdleSettings> idleUpdates = new LinkedHashMap<>();
        public String name;
        public String arn;
        public Instant created;
        public Boolean idleShutdown;
        public int idleTimeoutMinutes;
        public String owner;
        public int ebsVolumeSizeInGb;
        /** A SpaceStatus. */
        public String status = "InService";
    }

    public static final class App {
        public String region;
        public String domainId;
        public String userProfile;
        public String space;
        public String type;
        public String name;
        public String arn;
        public String instanceType;
        public String status;
        public Instant created;
        public Instant lastActivity;
        /** The image's name (default sagemaker-distribution-cpu) and version alias (null: not given). */
        public String image = "sagemaker-distribution-cpu";
        public String imageVersion;
    }

    public record Subscription(String arn, String protocol, String endpoint, String topicArn, boolean pending) {
    }

    public static final class Topic {
        public String region;
        public String name;
        public String arn;
        public Instant created;
        public final List<Subscription> subscriptions = new ArrayList<>();
    }

    public record Message(String messageId, String topicArn, String subject, String message, Instant timestamp) {
    }

    public synchronized Collection<Notebook> notebooks() {
        return new ArrayList<>(notebooks.values());
    }

    // ---- loading a fleet ----

    /**
     * Seeds the world from the fleet: the topics and the fleet's own metric series here, each family of resources by
     * its seeder ({@link HyperPodSeeder}, {@link MlflowSeeder}, {@link NotebookSeeder}, {@link EndpointSeeder},
     * {@link StudioSeeder}).
     */
    public synchronized void load(FleetSpec fleet) {
        String defaultRegion = fleet.region();
        for (String topic : fleet.topics()) {
            createTopic(defaultRegion, topic);
        }
        // Each family seeds its own part (see its seeder), in the order the world always had.
        HyperPodSeeder.seed(this, fleet);
        MlflowSeeder.seed(this, fleet);
        NotebookSeeder.seed(this, fleet);
        EndpointSeeder.seed(this, fleet);
        StudioSeeder.seed(this, fleet);
        for (FleetSpec.Series s : fleet.metrics()) {
            addPoints(or(s.region(), defaultRegion), s.namespace(), s.name(),
                    s.dimensions() == null ? Map.of() : s.dimensions(), s.points());
        }
    }

    public static final String CANVAS_NAMESPACE = "/aws/sagemaker/Canvas/AppActivity";

    void addMetrics(String region, String namespace, Map<String, String> dims, Map<String, List<FleetSpec.Point>> metrics) {
        if (metrics != null) {
            metrics.forEach((name, points) -> addPoints(region, namespace, name, dims, points));
        }
    }

    private void addPoints(String region, String namespace, String name, Map<String, String> dims, List<FleetSpec.Point> points) {
        metrics.series(region, namespace, name, dims);
        if (points == null) {
            return;
        }
        for (FleetSpec.Point p : points) {
            if (p.hourly() != null || p.every() != null) {
                double value = p.hourly() != null ? p.hourly() : p.value();
                long step = p.every() != null ? Durations.parse(p.every()).getSeconds() : 3600;
                Instant from = start.minus(Durations.parse(or(p.span(), "14d")));
                metrics.addRule(region, namespace, name, dims, new MetricStore.Rule(from.getEpochSecond(), step, value));
            } else {
                metrics.put(region, namespace, name, dims, ago(p.ago(), "0s"), MetricStore.Agg.of(p.value()));
            }
        }
    }

    public Instant ago(String duration, String fallback) {
        String d = duration != null ? duration : fallback;
        return start.minus(Durations.parse(d));
    }

    public void putTags(String arn, Map<String, String> newTags) {
        Map<String, String> t = tags.computeIfAbsent(arn.toLowerCase(Locale.ROOT), k -> new LinkedHashMap<>());
        if (newTags != null) {
            t.putAll(newTags);
        }
    }

    public Topic createTopic(String region, String name) {
        return topics.computeIfAbsent(key(region, name), k -> {
            Topic t = new Topic();
            t.region = region;
            t.name = name;
            t.arn = "arn:aws:sns:" + region + ":" + account + ":" + name;
            t.created = now();
            return t;
        });
    }

    static String or(String v, String fallback) {
        return v == null ? fallback : v;
    }

    static String base64(String script) {
        return script == null ? null : java.util.Base64.getEncoder().encodeToString(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A HyperPod cluster's state (SageMaker's DescribeCluster). */
    public static final class Cluster {
        public String region;
        public String name;
        public String arn;
        public String status;
        public Instant created;
        public final List<ClusterGroup> groups = new ArrayList<>();
    }

    /** One of a cluster's instance groups (ClusterInstanceGroupDetails, or ClusterRestrictedInstanceGroupDetails). */
    public static final class ClusterGroup {
        public String name;
        public String instanceType;
        /** A flexible group's InstanceTypeDetails (type to CurrentCount); empty when it has one InstanceType. */
        public final Map<String, Integer> instanceTypes = new LinkedHashMap<>();
        public boolean restricted;
        public String trainingPlanArn;
        public int currentCount;
        public int targetCount;
        public String status;
    }

    /** An MLflow tracking server's state (SageMaker's DescribeMlflowTrackingServer). */
    public static final class MlflowServer {
        public String region;
        public String name;
        public String arn;
        public String size;
        public String status;
        public String mlflowVersion;
        public Instant created;
        public Instant lastModified;
    }
}
