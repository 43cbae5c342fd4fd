package dev.sweeper.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The facts about one SageMaker resource that the evaluator and the reports need. What only one kind has is in its
 * {@link Shape} (an endpoint's variants, an app's domain, a cluster's instance groups...), and the shape says which
 * kind the resource is: a resource cannot carry the fields of one kind and claim to be another. Fields that were not
 * read (an active endpoint is not described during {@code endpoints idle}) are null, or the shape says so
 * ({@link EndpointShape#described()}, {@link ClusterShape#described()}).
 *
 * @param runningSince when the resource last entered service: a notebook's last start (its
 *     LastModifiedTime while InService), an endpoint's or app's creation. Age is measured from it.
 * @param shape        what only its kind has; never null
 * @param account      the AWS account id, when known
 */
public record Resource(
        String name,
        String region,
        String arn,
        String status,
        String instanceType,
        Integer instanceCount,
        Instant createdAt,
        Instant runningSince,
        Shape shape,
        String account) {

    public Resource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
    }

    /**
     * What only one kind of resource has. Each kind's definition ({@link Kind#definition()}) names its shape, so the
     * shape tells the kind.
     */
    public sealed interface Shape permits EndpointShape, NotebookShape, AppShape, SpaceShape, ClusterShape,
            MlflowShape {
    }

    /** Which kind it is: the kind whose shape it has. */
    public Kind kind() {
        return Kind.of(shape);
    }

    /** An endpoint's shape, or null when it is not an endpoint. */
    public EndpointShape endpoint() {
        return shape instanceof EndpointShape e ? e : null;
    }

    /** A notebook's shape, or null when it is not a notebook instance. */
    public NotebookShape notebook() {
        return shape instanceof NotebookShape n ? n : null;
    }

    /** A Studio app's shape, or null when it is not one. */
    public AppShape app() {
        return shape instanceof AppShape a ? a : null;
    }

    /** A HyperPod cluster's shape, or null when it is not one. */
    public ClusterShape cluster() {
        return shape instanceof ClusterShape c ? c : null;
    }

    /** A Studio space's shape, or null when it is not one. */
    public SpaceShape space() {
        return shape instanceof SpaceShape sp ? sp : null;
    }

    /** An MLflow tracking server: its size is its {@code instanceType} (Small, Medium, Large). */
    public record MlflowShape() implements Shape {
    }

    /**
     * A Studio space, as ListSpaces gives it (SpaceDetails): its domain, its owner's user profile when it is private
     * ({@code OwnershipSettingsSummary.OwnerUserProfileName}), its {@code SharingType} (Private, Shared), the app type
     * it is set up for, and the size of its EBS volume
     * ({@code SpaceSettingsSummary.SpaceStorageSettings.EbsStorageSettings.EbsVolumeSizeInGb}), null when not given.
     */
    public record SpaceShape(String domainId, String ownerUserProfile, String sharingType, String appType,
                             Integer ebsVolumeSizeGb) implements Shape {
    }

    /**
     * A HyperPod cluster's instance groups, as DescribeCluster gives them: its {@code InstanceGroups}
     * (ClusterInstanceGroupDetails) and its {@code RestrictedInstanceGroups} (ClusterRestrictedInstanceGroupDetails,
     * botocore's sagemaker 2017-07-24 model). Each bills its CurrentCount instances of its InstanceType, or, for a
     * flexible group that gives {@code InstanceTypeDetails} instead, each type's own CurrentCount; a group on a
     * training plan ({@code TrainingPlanArn}) runs on capacity paid for in advance.
     */
    public record ClusterShape(List<InstanceGroup> groups) implements Shape {
        public ClusterShape {
            groups = groups == null ? null : List.copyOf(groups);
        }

        /** A cluster as ListClusters gives it: its instance groups are not known until it is described. */
        public static ClusterShape listed() {
            return new ClusterShape(null);
        }

        /** Whether it was described: its instance groups are known. */
        public boolean described() {
            return groups != null;
        }
    }

    /**
     * @param instancesByType the group's {@code InstanceTypeDetails} (instance type to its CurrentCount); empty when
     *                        the group gives one {@code InstanceType}
     * @param restricted      one of the cluster's {@code RestrictedInstanceGroups}
     * @param trainingPlanArn its {@code TrainingPlanArn}, null when it is on none
     */
    public record InstanceGroup(String name, String instanceType, int currentCount, Integer targetCount,
                                Map<String, Integer> instancesByType, boolean restricted, String trainingPlanArn) {
        public InstanceGroup {
            instancesByType = instancesByType == null ? Map.of() : Map.copyOf(instancesByType);
        }

        /**
         * On a training plan: its instances were paid for with the plan, so stopping or deleting the cluster saves
         * nothing of them (https://docs.aws.amazon.com/sagemaker/latest/dg/reserve-capacity-with-training-plans.html).
         */
        public boolean prepaid() {
            return trainingPlanArn != null;
        }
    }

    /** The account id in an ARN ({@code arn:aws:sagemaker:REGION:ACCOUNT:…}), or null. */
    public static String accountOf(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length >= 5 && parts[4].matches("\\d{12}") ? parts[4] : null;
    }

    /** Which resource this is, across accounts, regions and kinds. */
    public ResourceKey key() {
        return ResourceKey.of(this);
    }

    public Resource withAccount(String accountId) {
        return new Resource(name, region, arn, status, instanceType, instanceCount, createdAt, runningSince, shape,
                accountId);
    }

    /** The same resource with another shape of its kind (described, its coverage read...). */
    public Resource withShape(Shape newShape) {
        return new Resource(name, region, arn, status, instanceType, instanceCount, createdAt, runningSince, newShape,
                account);
    }

    /**
     * What only endpoints have. {@code variants} is empty until the endpoint is described;
     * {@code components}, the names of the inference components it hosts, is null until they are listed.
     * {@code componentHost}: whether it can host inference components at all, from its endpoint config: an
     * endpoint config whose instance-backed production variants name no model ({@code ModelName} is optional in
     * SageMaker's ProductionVariant shape, and AWS's inference-component deployments leave it out: the models come
     * with the components); null while the config was not read.
     */
    public record EndpointShape(String configName, List<Variant> variants, boolean async, boolean described,
                                List<String> components, Boolean componentHost) implements Shape {
        public EndpointShape {
            variants = variants == null ? List.of() : List.copyOf(variants);
            components = components == null ? null : List.copyOf(components);
        }

        /** An endpoint as ListEndpoints gives it: not described. */
        public static EndpointShape listed() {
            return new EndpointShape(null, List.of(), false, false, null, null);
        }

        public EndpointShape withComponents(List<String> hosted) {
            return new EndpointShape(configName, variants, async, described, hosted, componentHost);
        }

        public EndpointShape withComponentHost(Boolean host) {
            return new EndpointShape(configName, variants, async, described, components, host);
        }

        /**
         * Whether its inference components must be listed to judge it: not when it cannot host any (asynchronous and
         * serverless endpoints cannot; nor can one whose config names its model), yes when it can or when that is
         * not known.
         */
        public boolean mayHostComponents() {
            return !async && !serverless() && !Boolean.FALSE.equals(componentHost);
        }

        /** Whether it hosts inference components (as far as they were listed). */
        public boolean hostsComponents() {
            return components != null && !components.isEmpty();
        }

        public boolean serverless() {
            return described && !variants.isEmpty() && variants.stream().allMatch(Variant::serverless);
        }

        /** Serverless with provisioned concurrency: billed while idle. */
        public boolean provisionedConcurrency() {
            return variants.stream().anyMatch(v -> v.serverless() && v.provisionedConcurrency() > 0);
        }

        /**
         * Described, and not one instance running on any variant: an asynchronous endpoint scaled to zero, or a
         * real-time one whose inference components let it scale to zero (CurrentInstanceCount 0).
         */
        public boolean scaledToZero() {
            return described && !variants.isEmpty()
                    && variants.stream().allMatch(v -> !v.serverless() && v.instanceCount() == 0);
        }

        /** Described, but the instance types of its instance-backed variants are not known yet. */
        public boolean needsInstanceTypes() {
            return described && variants.stream().anyMatch(v -> !v.serverless() && v.instanceType() == null);
        }
    }

    /**
     * What only notebook instances have. {@code autostop}: whether its lifecycle configuration installs an idle
     * checker (issue 18); null when it was not read (only scan and report read it). {@code volumeSizeGb}: its ML
     * storage volume ({@code VolumeSizeInGB}, which only DescribeNotebookInstance returns), kept and billed while
     * the notebook is stopped; null when it was not described.
     */
    public record NotebookShape(String lifecycleConfig, AutostopCoverage autostop, Integer volumeSizeGb,
                                String platformIdentifier, String failureReason) implements Shape {
        /** A notebook as ListNotebookInstances gives it: its lifecycle configuration only. */
        public NotebookShape(String lifecycleConfig) {
            this(lifecycleConfig, null, null, null, null);
        }
    }

    public Resource withAutostop(AutostopCoverage coverage) {
        NotebookShape n = notebookOrEmpty();
        return withShape(new NotebookShape(n.lifecycleConfig(), coverage, n.volumeSizeGb(), n.platformIdentifier(),
                n.failureReason()));
    }

    private NotebookShape notebookOrEmpty() {
        NotebookShape n = notebook();
        return n != null ? n : new NotebookShape(null);
    }

    /**
     * This notebook with what only DescribeNotebookInstance gives: its ML storage volume's size and its platform
     * ({@code PlatformIdentifier}, e.g. {@code notebook-al2023-v1}); null where not given.
     */
    public Resource withDescribed(Integer gb, String platform) {
        NotebookShape n = notebookOrEmpty();
        return withShape(new NotebookShape(n.lifecycleConfig(), n.autostop(), gb, platform, n.failureReason()));
    }

    /** A notebook's PlatformIdentifier; null when not described, or not a notebook. */
    public String platformIdentifier() {
        return notebook() == null ? null : notebook().platformIdentifier();
    }

    /** A notebook's FailureReason (AWS's words for a Failed notebook); null when none, not described, or not one. */
    public String failureReason() {
        return notebook() == null ? null : notebook().failureReason();
    }

    /** This notebook with AWS's FailureReason, as DescribeNotebookInstance gave it (null when none). */
    public Resource withFailureReason(String reason) {
        NotebookShape n = notebookOrEmpty();
        return withShape(new NotebookShape(n.lifecycleConfig(), n.autostop(), n.volumeSizeGb(), n.platformIdentifier(),
                reason));
    }

    /**
     * The size in GB of the storage volume that outlives its compute: a notebook's ML storage volume, a Studio
     * space's EBS volume (on the space's own row, never on its apps': one volume, counted once). Null when there is
     * none or it was not read.
     */
    public Integer storageGb() {
        if (shape instanceof NotebookShape n) {
            return n.volumeSizeGb();
        }
        return shape instanceof SpaceShape sp ? sp.ebsVolumeSizeGb() : null;
    }

    /**
     * What only Studio apps have. {@code idleShutdown} is null when it could not be determined. The EBS volume of
     * the space an app runs in is the space's (kind {@link Kind#SPACE}), not the app's.
     */
    public record AppShape(String domainId, String appType, String userProfile, String space,
                           Boolean idleShutdown, String idleShutdownWhere, StudioIdleShutdown.Image image)
            implements Shape {

        /**
         * Whether SageMaker shuts the app down when idle, as far as can be told: {@code on} only when its settings
         * are on and its image can honour them ({@link StudioIdleShutdown#image}); {@code off}; {@code settings on,
         * image cannot honour it}; {@code settings on, image unverified}; null when the settings are not known.
         */
        public String idleShutdownCoverage() {
            if (idleShutdown == null) {
                return null;
            }
            if (!idleShutdown) {
                return "off";
            }
            StudioIdleShutdown.ImageSupport s = image == null ? StudioIdleShutdown.ImageSupport.UNVERIFIED : image.support();
            return switch (s) {
                case HONOURS -> "on";
                case CANNOT -> "settings on, image cannot honour it";
                case UNVERIFIED -> "settings on, image unverified";
            };
        }

        public String owner() {
            return space != null ? "space " + space : userProfile != null ? "user " + userProfile : null;
        }
    }

    public Resource withEndpoint(EndpointShape shape, String type, Integer count) {
        return new Resource(name, region, arn, status, type, count, createdAt, runningSince, shape, account);
    }

    /**
     * The name the table shows: Studio app names repeat ("default" in every space), so an app's says whose it is,
     * "default (Canvas, user alice)"; space names repeat across domains, so a space's says whose domain, and whose
     * space when it is private. Any other resource's is its name. The name filters match it too.
     */
    public String displayName() {
        if (shape instanceof AppShape app && app.owner() != null) {
            return name + " (" + app.appType() + ", " + app.owner() + ")";
        }
        if (shape instanceof SpaceShape space) {
            return name + " (" + space.domainId()
                    + (space.ownerUserProfile() != null ? ", private to " + space.ownerUserProfile() : "") + ")";
        }
        return name;
    }

    public Resource withStatus(String newStatus) {
        return new Resource(name, region, arn, newStatus, instanceType, instanceCount, createdAt, runningSince, shape,
                account);
    }

    /** This space with its ARN (ListSpaces gives none; DescribeSpace does). */
    public Resource withArn(String newArn) {
        return new Resource(name, region, newArn, status, instanceType, instanceCount, createdAt, runningSince, shape,
                account == null ? accountOf(newArn) : account);
    }
}
