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

    public synchronized void load(FleetSpec fleet) {
        String defaultRegion = fleet.region();
        for (String topic : fleet.topics()) {
            createTopic(defaultRegion, topic);
        }
        for (FleetSpec.LifecycleConfig c : fleet.lifecycleConfigs()) {
            putLifecycleConfig(or(c.region(), defaultRegion), c.name(), base64(c.onStart()), base64(c.onCreate()),
                    ago(c.age(), "30d"));
        }
        for (FleetSpec.HyperPodCluster h : fleet.hyperpodClusters()) {
            Cluster cl = new Cluster();
            cl.region = or(h.region(), defaultRegion);
            cl.name = h.name();
            // ClusterArn: arn:aws:sagemaker:REGION:ACCOUNT:cluster/ followed by a 12-character id of a-z 0-9.
            String id = Integer.toHexString((cl.region + "/" + cl.name).hashCode());
            cl.arn = arn(cl.region, "cluster/" + ("000000000000" + id).substring(id.length()));
            cl.status = or(h.status(), "InService");
            cl.created = ago(h.age(), "30d");
            for (FleetSpec.InstanceGroup g : h.instanceGroups()) {
                ClusterGroup cg = new ClusterGroup();
                cg.name = g.name();
                cg.instanceType = g.instanceType();
                cg.currentCount = g.count() == null ? 1 : g.count();
                cg.targetCount = g.targetCount() == null ? cg.currentCount : g.targetCount();
                cg.status = or(g.status(), "InService");
                cl.groups.add(cg);
            }
            clusters.put(key(cl.region, cl.name), cl);
            putTags(cl.arn, h.tags());
        }
        for (FleetSpec.MlflowTrackingServer m : fleet.mlflowTrackingServers()) {
            MlflowServer sv = new MlflowServer();
            sv.region = or(m.region(), defaultRegion);
            sv.name = m.name();
            sv.arn = arn(sv.region, "mlflow-tracking-server/" + m.name());
            sv.size = m.size() == null ? "Small" : m.size();
            sv.status = m.status() == null ? "Created" : m.status();
            sv.mlflowVersion = m.mlflowVersion() == null ? "2.16.2" : m.mlflowVersion();
            sv.created = ago(m.age(), "30d");
            sv.lastModified = m.runningFor() != null ? ago(m.runningFor(), null) : sv.created;
            mlflowServers.put(key(sv.region, sv.name), sv);
            putTags(sv.arn, m.tags());
        }
        for (FleetSpec.Notebook n : fleet.notebooks()) {
            Notebook nb = new Notebook();
            nb.region = or(n.region(), defaultRegion);
            nb.name = n.name();
            nb.arn = arn(nb.region, "notebook-instance/" + n.name());
            nb.instanceType = or(n.instanceType(), "ml.t3.medium");
            nb.status = or(n.status(), "InService");
            nb.created = ago(n.age(), "30d");
            nb.lastModified = n.runningFor() != null ? ago(n.runningFor(), null) : nb.created;
            nb.lifecycleConfig = n.lifecycleConfig();
            nb.failTransition = Boolean.TRUE.equals(n.failTransition());
            nb.volumeSizeInGB = n.volumeSizeInGB() == null ? 5 : n.volumeSizeInGB();
            nb.failureReason = "Failed".equals(nb.status) ? or(n.failureReason(), "ResourceLimitExceeded: The account-level service limit was exceeded.") : null;
            notebooks.put(key(nb.region, nb.name), nb);
            putTags(nb.arn, n.tags());
        }
        for (FleetSpec.Endpoint e : fleet.endpoints()) {
            Endpoint ep = new Endpoint();
            ep.region = or(e.region(), defaultRegion);
            ep.name = e.name();
            ep.arn = arn(ep.region, "endpoint/" + e.name());
            ep.status = or(e.status(), "InService");
            ep.failureReason = "Failed".equals(ep.status) ? or(e.failureReason(), "The primary container for production variant AllTraffic did not pass the ping health check.") : null;
            ep.created = ago(e.age(), "30d");
            ep.lastModified = e.updated() != null ? ago(e.updated(), null) : ep.created.plusSeconds(Math.min(420, Math.max(0, Duration.between(ep.created, start).getSeconds())));
            ep.async = Boolean.TRUE.equals(e.async());
            List<VariantConfig> variants = new ArrayList<>();
            List<FleetSpec.Variant> specs = e.variants() == null || e.variants().isEmpty()
                    ? List.of(new FleetSpec.Variant("AllTraffic", "ml.m5.large", 1, null, null, null)) : e.variants();
            for (FleetSpec.Variant v : specs) {
                String vname = or(v.name(), "AllTraffic");
                if (v.serverless() != null) {
                    variants.add(new VariantConfig(vname, null, 0, v.weight() == null ? 1.0 : v.weight(),
                            v.serverless().memorySizeInMB() == null ? 2048 : v.serverless().memorySizeInMB(),
                            v.serverless().maxConcurrency() == null ? 5 : v.serverless().maxConcurrency(),
                            v.serverless().provisionedConcurrency(), Boolean.TRUE.equals(v.shadow())));
                } else {
                    variants.add(new VariantConfig(vname, or(v.instanceType(), "ml.m5.large"),
                            v.instanceCount() == null ? 1 : v.instanceCount(), v.weight() == null ? 1.0 : v.weight(), null, null,
                            null, Boolean.TRUE.equals(v.shadow())));
                }
                addMetrics(ep.region, ENDPOINT_NAMESPACE, Map.of("EndpointName", ep.name, "VariantName", vname), v.metrics());
            }
            ep.variants = List.copyOf(variants);
            ep.configName = or(e.config(), ep.name + "-config");
            String ckey = key(ep.region, ep.configName);
            if (!endpointConfigs.containsKey(ckey)) {
                EndpointConfig c = new EndpointConfig();
                c.region = ep.region;
                c.name = ep.configName;
                c.arn = arn(ep.region, "endpoint-config/" + ep.configName);
                c.created = ep.created.minusSeconds(60);
                c.async = ep.async;
                // An endpoint made for inference components has a config that names no model (ModelName is
                // optional in SageMaker's ProductionVariant; "Deploy models for real-time inference",
                // https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-deploy-models.html).
                c.modelName = e.inferenceComponents() != null ? null : ep.name + "-model";
                c.minZero = e.inferenceComponents() != null
                        && ep.variants.stream().anyMatch(v -> !v.serverless() && v.instanceCount() == 0);
                c.variants = ep.variants;
                endpointConfigs.put(ckey, c);
            }
            endpoints.put(key(ep.region, ep.name), ep);
            putTags(ep.arn, e.tags());
            addMetrics(ep.region, ENDPOINT_NAMESPACE, Map.of("EndpointName", ep.name), e.asyncMetrics());
            if (e.inferenceComponents() != null) {
                for (FleetSpec.InferenceComponent ic : e.inferenceComponents()) {
                    InferenceComponent c = new InferenceComponent();
                    c.region = ep.region;
                    c.name = ic.name();
                    c.arn = arn(ep.region, "inference-component/" + ic.name());
                    c.endpointName = ep.name;
                    c.endpointArn = ep.arn;
                    c.variantName = or(ic.variant(), ep.variants.get(0).name());
                    c.status = or(ic.status(), "InService");
                    c.created = ic.age() != null ? ago(ic.age(), null) : ep.created.plusSeconds(60);
                    c.lastModified = c.created.plusSeconds(Math.min(300, Math.max(0, Duration.between(c.created, start).getSeconds())));
                    c.copies = ic.copies() == null ? 1 : ic.copies();
                    inferenceComponents.put(key(c.region, c.name), c);
                    putTags(c.arn, null);
                    // Each component's invocations: namespace AWS/SageMaker, dimension InferenceComponentName
                    // ("Dimensions for endpoint invocation metrics", https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html#cloudwatch-metrics-endpoint-invocation).
                    addMetrics(c.region, ENDPOINT_NAMESPACE, Map.of(COMPONENT_DIMENSION, c.name), ic.metrics());
                }
            }
        }
        for (FleetSpec.Domain d : fleet.domains()) {
            Domain dom = new Domain();
            dom.region = or(d.region(), defaultRegion);
            dom.id = d.id();
            dom.name = or(d.name(), d.id());
            dom.arn = arn(dom.region, "domain/" + d.id());
            dom.created = ago(d.age(), "90d");
            dom.idleShutdown = d.idleShutdown();
            dom.idleTimeoutMinutes = d.idleTimeoutMinutes() == null ? 60 : d.idleTimeoutMinutes();
            putTags(dom.arn, d.tags());
            if (d.userProfiles() != null) {
                for (FleetSpec.UserProfile p : d.userProfiles()) {
                    UserProfile up = new UserProfile();
                    up.name = p.name();
                    up.arn = arn(dom.region, "user-profile/" + dom.id + "/" + p.name());
                    up.created = p.age() != null ? ago(p.age(), null) : dom.created;
                    up.idleShutdown = p.idleShutdown();
                    dom.profiles.put(up.name, up);
                    putTags(up.arn, p.tags());
                }
            }
            if (d.spaces() != null) {
                for (FleetSpec.Space s : d.spaces()) {
                    Space sp = new Space();
                    sp.name = s.name();
                    sp.arn = arn(dom.region, "space/" + dom.id + "/" + s.name());
                    sp.created = s.age() != null ? ago(s.age(), null) : dom.created;
                    sp.idleShutdown = s.idleShutdown();
                    sp.idleTimeoutMinutes = s.idleTimeoutMinutes() == null ? 60 : s.idleTimeoutMinutes();
                    sp.owner = s.owner();
                    sp.ebsVolumeSizeInGb = s.ebsVolumeSizeInGb() == null ? 5 : s.ebsVolumeSizeInGb();
                    sp.status = s.status() == null ? "InService" : s.status();
                    dom.spaces.put(sp.name, sp);
                    putTags(sp.arn, s.tags());
                }
            }
            if (d.apps() != null) {
                for (FleetSpec.App a : d.apps()) {
                    App app = new App();
                    app.region = dom.region;
                    app.domainId = dom.id;
                    app.userProfile = a.userProfile();
                    app.space = a.space();
                    app.type = a.type();
                    app.name = or(a.name(), "default");
                    String owner = a.space() != null ? a.space() : a.userProfile();
                    app.arn = arn(dom.region, "app/" + dom.id + "/" + owner + "/" + app.type + "/" + app.name);
                    app.instanceType = or(a.instanceType(), "JupyterServer".equals(app.type) ? "system" : "ml.t3.medium");
                    app.status = or(a.status(), "InService");
                    app.created = ago(a.age(), "1d");
                    app.lastActivity = a.lastActivity() != null ? ago(a.lastActivity(), null) : start.minusSeconds(120);
                    dom.apps.add(app);
                    putTags(app.arn, a.tags());
                    if ("Canvas".equals(app.type) && "InService".equals(app.status) && app.userProfile != null) {
                        publishCanvasActivity(app);
                    }
                }
            }
            domains.put(key(dom.region, dom.id), dom);
        }
        for (FleetSpec.Series s : fleet.metrics()) {
            addPoints(or(s.region(), defaultRegion), s.namespace(), s.name(),
                    s.dimensions() == null ? Map.of() : s.dimensions(), s.points());
        }
    }

    /**
     * A running Canvas app publishes, every minute, the seconds since its user was last active (its fleet
     * {@code lastActivity}): metric TimeSinceLastActive in the namespace /aws/sagemaker/Canvas/AppActivity with the
     * dimensions DomainId and UserProfileName, as AWS describes it in "Optimizing costs for Amazon SageMaker Canvas
     * with automatic shutdown of idle apps"
     * (https://aws.amazon.com/blogs/machine-learning/optimizing-costs-for-amazon-sagemaker-canvas-with-automatic-shutdown-of-idle-apps/;
     * its templates, github.com/aws-samples/sagemaker-canvas-auto-shutdown-on-idle, query exactly that series). AWS
     * does not say how often; the sandbox publishes every minute from the app's creation (or the user's last activity,
     * if later), counting up from the last activity, and goes on doing so while it runs.
     */
    private void publishCanvasActivity(App app) {
        Instant from = app.lastActivity.isAfter(app.created) ? app.lastActivity : app.created;
        double at = Duration.between(app.lastActivity, from).getSeconds();
        metrics.addRule(app.region, CANVAS_NAMESPACE, "TimeSinceLastActive",
                Map.of("DomainId", app.domainId, "UserProfileName", app.userProfile),
                new MetricStore.Rule(from.getEpochSecond(), MetricStore.MINUTE, at, 1));
    }

    public static final String CANVAS_NAMESPACE = "/aws/sagemaker/Canvas/AppActivity";

    private void addMetrics(String region, String namespace, Map<String, String> dims, Map<String, List<FleetSpec.Point>> metrics) {
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

    private static String or(String v, String fallback) {
        return v == null ? fallback : v;
    }

    private static String base64(String script) {
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

    /** One of a cluster's instance groups (ClusterInstanceGroupDetails). */
    public static final class ClusterGroup {
        public String name;
        public String instanceType;
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
