package dev.sweeper.sandbox.fleet;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The fleet file, as written: resources whose times are relative to sandbox start.
 * See {@code config/sample-fleet.yaml} for the documented format. Validation lives in {@link FleetLoader}.
 */
public record FleetSpec(
        String region,
        String account,
        List<String> topics,
        List<Notebook> notebooks,
        List<Endpoint> endpoints,
        List<Domain> domains,
        List<Series> metrics,
        List<Account> accounts,
        List<LifecycleConfig> lifecycleConfigs,
        List<MlflowTrackingServer> mlflowTrackingServers,
        List<HyperPodCluster> hyperpodClusters,
        Organization organization) {

    public FleetSpec {
        hyperpodClusters = hyperpodClusters == null ? List.of() : List.copyOf(hyperpodClusters);
        mlflowTrackingServers = mlflowTrackingServers == null ? List.of() : List.copyOf(mlflowTrackingServers);
        lifecycleConfigs = lifecycleConfigs == null ? List.of() : List.copyOf(lifecycleConfigs);
        region = region == null ? "us-east-1" : region;
        account = account == null ? "123456789012" : account;
        topics = topics == null ? List.of() : List.copyOf(topics);
        notebooks = notebooks == null ? List.of() : List.copyOf(notebooks);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        domains = domains == null ? List.of() : List.copyOf(domains);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** A single-account fleet (no {@code accounts:} section). */
    public FleetSpec(String region, String account, List<String> topics, List<Notebook> notebooks,
                     List<Endpoint> endpoints, List<Domain> domains, List<Series> metrics) {
        this(region, account, topics, notebooks, endpoints, domains, metrics, null, null, null, null, null);
    }

    public FleetSpec(String region, String account, List<String> topics, List<Notebook> notebooks,
                     List<Endpoint> endpoints, List<Domain> domains, List<Series> metrics, List<Account> accounts) {
        this(region, account, topics, notebooks, endpoints, domains, metrics, accounts, null, null, null, null);
    }

    /** Without an organization (the form before {@code organization:}). */
    public FleetSpec(String region, String account, List<String> topics, List<Notebook> notebooks,
                     List<Endpoint> endpoints, List<Domain> domains, List<Series> metrics, List<Account> accounts,
                     List<LifecycleConfig> lifecycleConfigs, List<MlflowTrackingServer> mlflowTrackingServers,
                     List<HyperPodCluster> hyperpodClusters) {
        this(region, account, topics, notebooks, endpoints, domains, metrics, accounts, lifecycleConfigs,
                mlflowTrackingServers, hyperpodClusters, null);
    }

    public static FleetSpec empty() {
        return new FleetSpec(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * A SageMaker HyperPod cluster (ListClusters, DescribeCluster): {@code status} a ClusterStatus (default InService),
     * {@code age} its CreationTime before start (default 30d), {@code instanceGroups} its groups.
     */
    public record HyperPodCluster(String name, String region, String status, String age,
                                  List<InstanceGroup> instanceGroups, Map<String, String> tags) {
        /** ClusterStatus in AWS's service model. */
        public static final List<String> STATUSES = List.of("Creating", "Deleting", "Failed", "InService", "RollingBack",
                "SystemUpdating", "Updating");
        /** InstanceGroupStatus in AWS's service model. */
        public static final List<String> GROUP_STATUSES = List.of("InService", "Creating", "Updating", "Failed",
                "Degraded", "SystemUpdating", "Deleting");
        /** ClusterName: 1 to 63 characters. */
        public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
        /** ClusterInstanceType in AWS's service model (botocore sagemaker 2017-07-24). */
        public static final List<String> INSTANCE_TYPES = List.of(
            "ml.p4d.24xlarge", "ml.p4de.24xlarge", "ml.p5.48xlarge", "ml.p5.4xlarge", "ml.p6e-gb200.36xlarge",
            "ml.trn1.32xlarge", "ml.trn1n.32xlarge", "ml.g5.xlarge", "ml.g5.2xlarge", "ml.g5.4xlarge",
            "ml.g5.8xlarge", "ml.g5.12xlarge", "ml.g5.16xlarge", "ml.g5.24xlarge", "ml.g5.48xlarge", "ml.c5.large",
            "ml.c5.xlarge", "ml.c5.2xlarge", "ml.c5.4xlarge", "ml.c5.9xlarge", "ml.c5.12xlarge", "ml.c5.18xlarge",
            "ml.c5.24xlarge", "ml.c5n.large", "ml.c5n.2xlarge", "ml.c5n.4xlarge", "ml.c5n.9xlarge",
            "ml.c5n.18xlarge", "ml.m5.large", "ml.m5.xlarge", "ml.m5.2xlarge", "ml.m5.4xlarge", "ml.m5.8xlarge",
            "ml.m5.12xlarge", "ml.m5.16xlarge", "ml.m5.24xlarge", "ml.t3.medium", "ml.t3.large", "ml.t3.xlarge",
            "ml.t3.2xlarge", "ml.g6.xlarge", "ml.g6.2xlarge", "ml.g6.4xlarge", "ml.g6.8xlarge", "ml.g6.16xlarge",
            "ml.g6.12xlarge", "ml.g6.24xlarge", "ml.g6.48xlarge", "ml.gr6.4xlarge", "ml.gr6.8xlarge",
            "ml.g6e.xlarge", "ml.g6e.2xlarge", "ml.g6e.4xlarge", "ml.g6e.8xlarge", "ml.g6e.16xlarge",
            "ml.g6e.12xlarge", "ml.g6e.24xlarge", "ml.g6e.48xlarge", "ml.p5e.48xlarge", "ml.p5en.48xlarge",
            "ml.p6-b200.48xlarge", "ml.trn2.3xlarge", "ml.trn2.48xlarge", "ml.c6i.large", "ml.c6i.xlarge",
            "ml.c6i.2xlarge", "ml.c6i.4xlarge", "ml.c6i.8xlarge", "ml.c6i.12xlarge", "ml.c6i.16xlarge",
            "ml.c6i.24xlarge", "ml.c6i.32xlarge", "ml.m6i.large", "ml.m6i.xlarge", "ml.m6i.2xlarge",
            "ml.m6i.4xlarge", "ml.m6i.8xlarge", "ml.m6i.12xlarge", "ml.m6i.16xlarge", "ml.m6i.24xlarge",
            "ml.m6i.32xlarge", "ml.r6i.large", "ml.r6i.xlarge", "ml.r6i.2xlarge", "ml.r6i.4xlarge", "ml.r6i.8xlarge",
            "ml.r6i.12xlarge", "ml.r6i.16xlarge", "ml.r6i.24xlarge", "ml.r6i.32xlarge", "ml.i3en.large",
            "ml.i3en.xlarge", "ml.i3en.2xlarge", "ml.i3en.3xlarge", "ml.i3en.6xlarge", "ml.i3en.12xlarge",
            "ml.i3en.24xlarge", "ml.m7i.large", "ml.m7i.xlarge", "ml.m7i.2xlarge", "ml.m7i.4xlarge",
            "ml.m7i.8xlarge", "ml.m7i.12xlarge", "ml.m7i.16xlarge", "ml.m7i.24xlarge", "ml.m7i.48xlarge",
            "ml.r7i.large", "ml.r7i.xlarge", "ml.r7i.2xlarge", "ml.r7i.4xlarge", "ml.r7i.8xlarge", "ml.r7i.12xlarge",
            "ml.r7i.16xlarge", "ml.r7i.24xlarge", "ml.r7i.48xlarge", "ml.r5d.16xlarge", "ml.g7e.2xlarge",
            "ml.g7e.4xlarge", "ml.g7e.8xlarge", "ml.g7e.12xlarge", "ml.g7e.24xlarge", "ml.g7e.48xlarge",
            "ml.p6-b300.48xlarge"
);
    }

    /**
     * A cluster's instance group: {@code instanceType} a ClusterInstanceType, {@code count} its CurrentCount (default 1),
     * {@code targetCount} its TargetCount (default: count), {@code status} an InstanceGroupStatus (default InService).
     * {@code instanceTypes}: a flexible group, given as InstanceTypeDetails (type to its CurrentCount) instead of
     * InstanceType; {@code restricted}: one of the cluster's RestrictedInstanceGroups; {@code trainingPlan}: the name
     * of the training plan it runs on (its TrainingPlanArn).
     */
    public record InstanceGroup(String name, String instanceType, Integer count, Integer targetCount, String status,
                                Map<String, Integer> instanceTypes, Boolean restricted, String trainingPlan) {
        public InstanceGroup(String name, String instanceType, Integer count, Integer targetCount, String status) {
            this(name, instanceType, count, targetCount, status, null, null, null);
        }
    }

    /**
     * An MLflow tracking server: {@code size} Small (default), Medium or Large; {@code status} a TrackingServerStatus
     * (default Created: running); {@code age} its CreationTime before start (default 30d), {@code runningFor} its
     * LastModifiedTime before start (default: its creation).
     */
    public record MlflowTrackingServer(String name, String region, String size, String status, String age,
                                       String runningFor, String mlflowVersion, Map<String, String> tags) {
        /** TrackingServerStatus in AWS's service model. */
        public static final List<String> STATUSES = List.of("Creating", "Created", "CreateFailed", "Updating", "Updated",
                "UpdateFailed", "Deleting", "DeleteFailed", "Stopping", "Stopped", "StopFailed", "Starting", "Started",
                "StartFailed", "MaintenanceInProgress", "MaintenanceComplete", "MaintenanceFailed");
        /** TrackingServerSize in AWS's service model. */
        public static final List<String> SIZES = List.of("Small", "Medium", "Large");
        /** TrackingServerName: 1 to 256 characters. */
        public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,255}");
    }

    /**
     * Another account the caller may reach by {@code sts:AssumeRole}: its roles and its resources,
     * in the same format as the top level ({@code region} defaults to the top-level region).
     */
    public record Account(
            String id, String region, List<Role> roles, List<String> topics, List<Notebook> notebooks,
            List<Endpoint> endpoints, List<Domain> domains, List<Series> metrics, String name, String state,
            String ou) {

        public Account {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        /** Without the Organization's fields. */
        public Account(String id, String region, List<Role> roles, List<String> topics, List<Notebook> notebooks,
                       List<Endpoint> endpoints, List<Domain> domains, List<Series> metrics) {
            this(id, region, roles, topics, notebooks, endpoints, domains, metrics, null, null, null);
        }

        /** This account's resources as a single-account fleet, for {@link World#load}. */
        public FleetSpec resources(String defaultRegion) {
            return new FleetSpec(region == null ? defaultRegion : region, id, topics, notebooks, endpoints, domains, metrics);
        }

        public boolean hasResources() {
            return (topics != null && !topics.isEmpty()) || (notebooks != null && !notebooks.isEmpty())
                    || (endpoints != null && !endpoints.isEmpty()) || (domains != null && !domains.isEmpty())
                    || (metrics != null && !metrics.isEmpty());
        }
    }

    /**
     * The caller's AWS Organization, of which the caller's own account is the management account and every
     * {@code accounts:} entry a member ({@code name}, {@code state}, {@code ou} on each); without this section the
     * caller's account is in no Organization. {@code id} defaults to one derived from the caller's account.
     */
    public record Organization(String id) {
        /** AccountState in Organizations' service model (botocore organizations 2016-11-28). */
        public static final List<String> STATES = List.of("PENDING_ACTIVATION", "ACTIVE", "SUSPENDED",
                "PENDING_CLOSURE", "CLOSED");
    }

    /**
     * A role the caller may assume: {@code externalId} must then be given and match; {@code deny: true}
     * makes every AssumeRole fail with AccessDenied (a trust policy that does not trust the caller);
     * {@code maxSession} is the role's MaxSessionDuration (1h..12h, default 1h).
     */
    public record Role(String name, String externalId, Boolean deny, String maxSession) {
    }

    /**
     * A notebook instance lifecycle configuration: its scripts as plain text (the sandbox stores them in base64,
     * as AWS does), {@code age} its CreationTime before start (default 30d).
     */
    public record LifecycleConfig(String name, String region, String onStart, String onCreate, String age) {
    }

    /** One metric rule: a single point {@code {ago, value}}, or a repeating one {@code {hourly|value, every, for}}. */
    public record Point(String ago, Double value, Double hourly, String every, @JsonProperty("for") String span) {
    }

    /**
     * A notebook instance. AWS publishes no CloudWatch metrics for notebook instances: their
     * activity is in their Jupyter server ({@code jupyter}) and their {@code jupyter.log} stream
     * ({@code jupyterLog}: lines at these times ago, besides the server's start-up line).
     */
    public record Notebook(
            String name, String region, String instanceType, String status, String age, String runningFor,
            String lifecycleConfig, Boolean failTransition, String failureReason, Map<String, String> tags,
            Jupyter jupyter, List<LogLine> jupyterLog, Integer volumeSizeInGB, String platform,
            List<String> lifecycleLog) {
        /** PlatformIdentifier in AWS's service model (botocore sagemaker 2017-07-24). */
        public static final List<String> PLATFORMS = List.of("notebook-al1-v1", "notebook-al2-v1", "notebook-al2-v2",
                "notebook-al2-v3", "notebook-al2023-v1");

        /** Without a platform: AWS's default for new notebook instances since 15 May 2026, notebook-al2023-v1. */
        public Notebook(String name, String region, String instanceType, String status, String age, String runningFor,
                        String lifecycleConfig, Boolean failTransition, String failureReason, Map<String, String> tags,
                        Jupyter jupyter, List<LogLine> jupyterLog, Integer volumeSizeInGB) {
            this(name, region, instanceType, status, age, runningFor, lifecycleConfig, failTransition, failureReason,
                    tags, jupyter, jupyterLog, volumeSizeInGB, null, null);
        }

        /**
         * With a platform; {@code lifecycleLog}: the lines its OnStart script wrote at its last start, in its
         * {@code <name>/LifecycleConfigOnStart} stream.
         */
        public Notebook(String name, String region, String instanceType, String status, String age, String runningFor,
                        String lifecycleConfig, Boolean failTransition, String failureReason, Map<String, String> tags,
                        Jupyter jupyter, List<LogLine> jupyterLog, Integer volumeSizeInGB, String platform) {
            this(name, region, instanceType, status, age, runningFor, lifecycleConfig, failTransition, failureReason,
                    tags, jupyter, jupyterLog, volumeSizeInGB, platform, null);
        }

        /** Without a volume size: AWS's default, 5 GB. */
        public Notebook(String name, String region, String instanceType, String status, String age, String runningFor,
                        String lifecycleConfig, Boolean failTransition, String failureReason, Map<String, String> tags,
                        Jupyter jupyter, List<LogLine> jupyterLog) {
            this(name, region, instanceType, status, age, runningFor, lifecycleConfig, failTransition, failureReason,
                    tags, jupyter, jupyterLog, null);
        }
    }

    /**
     * The notebook's Jupyter server, behind CreatePresignedNotebookInstanceUrl. {@code server}: {@code up}
     * (default), {@code refused} (403 to every request, as with an IP address condition), {@code reset}
     * (connection closed without an answer) or {@code hang} (answers nothing for 60 s).
     * {@code terminalsEnabled: false}: jupyter_server's {@code ServerApp.terminals_enabled} off, so
     * {@code /api/terminals} answers 404 (and the server logs that request as a warning).
     */
    public record Jupyter(String server, List<Kernel> kernels, List<Terminal> terminals, Boolean terminalsEnabled) {
        public Jupyter(String server, List<Kernel> kernels, List<Terminal> terminals) {
            this(server, kernels, terminals, null);
        }
    }

    /**
     * A running kernel: {@code state} idle (default) or busy, {@code lastActivity} how long ago
     * (default: the notebook's last start), open browser {@code connections} (default 0), and the
     * notebook file of its {@code session} (none: a kernel without a session).
     */
    public record Kernel(String name, String state, String lastActivity, Integer connections, String session) {
    }

    /**
     * A line of a notebook's jupyter.log, {@code ago} when it was written: {@code 20m} alone is a
     * Jupyter server's "Saving file at" line (someone at work); {@code {ago: 20m, text: "..."}} gives
     * the line's text, e.g. AWS's sample autostop.py output or a request log line, which show no work.
     * {@code {{time}}} in the text is replaced by the line's time in jupyter_server's log format.
     */
    public record LogLine(String ago, String text) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        public static LogLine of(String ago) {
            return new LogLine(ago, null);
        }

        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.PROPERTIES)
        public LogLine(@JsonProperty("ago") String ago, @JsonProperty("text") String text) {
            this.ago = ago;
            this.text = text;
        }
    }

    /** An open terminal and how long ago it was last used (default: the notebook's last start). */
    public record Terminal(String name, String lastActivity) {
    }

    public record Serverless(Integer memorySizeInMB, Integer maxConcurrency, Integer provisionedConcurrency) {
        public Serverless(Integer memorySizeInMB, Integer maxConcurrency) {
            this(memorySizeInMB, maxConcurrency, null);
        }
    }

    /** {@code shadow}: a shadow variant (DescribeEndpoint's ShadowProductionVariants). */
    public record Variant(
            String name, String instanceType, Integer instanceCount, Double weight, Serverless serverless,
            Map<String, List<Point>> metrics, Boolean shadow) {
        public Variant(String name, String instanceType, Integer instanceCount, Double weight, Serverless serverless,
                       Map<String, List<Point>> metrics) {
            this(name, instanceType, instanceCount, weight, serverless, metrics, null);
        }
    }

    /**
     * {@code inferenceComponents}: the inference components the endpoint hosts (ListInferenceComponents,
     * DescribeInferenceComponent); each publishes its own Invocations (dimension InferenceComponentName).
     */
    public record Endpoint(
            String name, String region, String age, String updated, String status, String failureReason,
            String config, Boolean async, List<Variant> variants, Map<String, List<Point>> asyncMetrics,
            Map<String, String> tags, List<InferenceComponent> inferenceComponents) {
        public Endpoint(String name, String region, String age, String updated, String status, String failureReason,
                        String config, Boolean async, List<Variant> variants, Map<String, List<Point>> asyncMetrics,
                        Map<String, String> tags) {
            this(name, region, age, updated, status, failureReason, config, async, variants, asyncMetrics, tags, null);
        }
    }

    /**
     * An inference component on its endpoint: {@code variant} the production variant that hosts it
     * (default: the endpoint's first), {@code status} InService (default), Creating, Updating, Failed or
     * Deleting, {@code age} (default: the endpoint's), {@code copies} its copy count (default 1),
     * {@code metrics} its series (namespace AWS/SageMaker, dimension InferenceComponentName).
     */
    public record InferenceComponent(
            String name, String variant, String status, String age, Integer copies, Map<String, List<Point>> metrics) {
    }

    public record UserProfile(String name, Boolean idleShutdown, String age, Map<String, String> tags) {
        public UserProfile(String name, Boolean idleShutdown, String age) {
            this(name, idleShutdown, age, null);
        }
    }

    /** {@code status}: a SpaceStatus, InService when left out. */
    public record Space(String name, Boolean idleShutdown, Integer idleTimeoutMinutes, String owner, String age,
                        Integer ebsVolumeSizeInGb, String status, Map<String, String> tags) {
        /** Without an EBS size: 5 GB. */
        public Space(String name, Boolean idleShutdown, Integer idleTimeoutMinutes, String owner, String age) {
            this(name, idleShutdown, idleTimeoutMinutes, owner, age, null, null, null);
        }

        public Space(String name, Boolean idleShutdown, Integer idleTimeoutMinutes, String owner, String age,
                     Integer ebsVolumeSizeInGb) {
            this(name, idleShutdown, idleTimeoutMinutes, owner, age, ebsVolumeSizeInGb, null, null);
        }
    }

    /**
     * {@code image}: the app's image as {@code NAME[:VERSION]}: a SageMaker Distribution image
     * ({@code sagemaker-distribution-cpu:2.1.0}, AWS's account) or a custom one (this account); left out,
     * sagemaker-distribution-cpu without a version.
     */
    public record App(
            String type, String name, String userProfile, String space, String instanceType, String age,
            String status, String lastActivity, Map<String, String> tags, String image) {
        public App(String type, String name, String userProfile, String space, String instanceType, String age,
                   String status, String lastActivity, Map<String, String> tags) {
            this(type, name, userProfile, space, instanceType, age, status, lastActivity, tags, null);
        }
    }

    public record Domain(
            String id, String name, String region, String age, Boolean idleShutdown, Integer idleTimeoutMinutes,
            List<UserProfile> userProfiles, List<Space> spaces, List<App> apps, Map<String, String> tags) {
    }

    /** A free-form series: any namespace, metric and dimensions. */
    public record Series(String region, String namespace, String name, Map<String, String> dimensions, List<Point> points) {
    }
}
