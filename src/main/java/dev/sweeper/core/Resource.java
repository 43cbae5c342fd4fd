package dev.sweeper.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The facts about one SageMaker resource that the evaluator and the reports need. Fields that
 * a kind does not have are null (or empty): {@code variants} only for endpoints, {@code domainId}
 * only for apps, and so on. Fields that were not read (an active endpoint is not described
 * during {@code endpoints idle}) are null too.
 *
 * @param runningSince when the resource last entered service: a notebook's last start (its
 *     LastModifiedTime while InService), an endpoint's or app's creation. Age is measured from it.
 * @param account      the AWS account id, when known
 */
public record Resource(
        Kind kind,
        String name,
        String region,
        String arn,
        String status,
        String instanceType,
        Integer instanceCount,
        Instant createdAt,
        Instant runningSince,
        EndpointShape endpoint,
        NotebookShape notebook,
        AppShape app,
        String account,
        ClusterShape cluster,
        SpaceShape space) {

    public Resource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public Resource(Kind kind, String name, String region, String arn, String status, String instanceType,
                    Integer instanceCount, Instant createdAt, Instant runningSince, EndpointShape endpoint,
                    NotebookShape notebook, AppShape app, String account) {
        this(kind, name, region, arn, status, instanceType, instanceCount, createdAt, runningSince, endpoint, notebook,
                app, account, null, null);
    }

    public Resource(Kind kind, String name, String region, String arn, String status, String instanceType,
                    Integer instanceCount, Instant createdAt, Instant runningSince, EndpointShape endpoint,
                    NotebookShape notebook, AppShape app, String account, ClusterShape cluster) {
        this(kind, name, region, arn, status, instanceType, instanceCount, createdAt, runningSince, endpoint, notebook,
                app, account, cluster, null);
    }

    /**
     * A Studio space, as ListSpaces gives it (SpaceDetails): its domain, its owner's user profile when it is private
     * ({@code OwnershipSettingsSummary.OwnerUserProfileName}), its {@code SharingType} (Private, Shared), the app type
     * it is set up for, and the size of its EBS volume
     * ({@code SpaceSettingsSummary.SpaceStorageSettings.EbsStorageSettings.EbsVolumeSizeInGb}), null when not given.
     */
    public record SpaceShape(String domainId, String ownerUserProfile, String sharingType, String appType,
                             Integer ebsVolumeSizeGb) {
    }

    /**
     * A HyperPod cluster's instance groups, as DescribeCluster gives them (ClusterInstanceGroupDetails): each bills
     * its CurrentCount instances of its InstanceType.
     */
    public record ClusterShape(List<InstanceGroup> groups) {
        public ClusterShape {
            groups = List.copyOf(groups);
        }
    }

    public record InstanceGroup(String name, String instanceType, int currentCount, Integer targetCount) {
    }

    /** A resource whose account is not (yet) known. */
    public Resource(Kind kind, String name, String region, String arn, String status, String instanceType,
                    Integer instanceCount, Instant createdAt, Instant runningSince, EndpointShape endpoint,
                    NotebookShape notebook, AppShape app) {
        this(kind, name, region, arn, status, instanceType, instanceCount, createdAt, runningSince, endpoint, notebook,
                app, accountOf(arn));
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
        return new Resource(kind, name, region, arn, status, instanceType, instanceCount, createdAt, runningSince,
                endpoint, notebook, app, accountId, cluster, space);
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
                                List<String> components, Boolean componentHost) {
        public EndpointShape {
            variants = variants == null ? List.of() : List.copyOf(variants);
            components = components == null ? null : List.copyOf(components);
        }

        public EndpointShape(String configName, List<Variant> variants, boolean async, boolean described,
                             List<String> components) {
            this(configName, variants, async, described, components, null);
        }

        /** An endpoint whose inference components are not (yet) known. */
        public EndpointShape(String configName, List<Variant> variants, boolean async, boolean described) {
            this(configName, variants, async, described, null, null);
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
    public record NotebookShape(String lifecycleConfig, AutostopCoverage autostop, Integer volumeSizeGb) {
        public NotebookShape(String lifecycleConfig) {
            this(lifecycleConfig, null, null);
        }

        public NotebookShape(String lifecycleConfig, AutostopCoverage autostop) {
            this(lifecycleConfig, autostop, null);
        }
    }

    public Resource withAutostop(AutostopCoverage coverage) {
        return new Resource(kind, name, region, arn, status, instanceType, instanceCount, createdAt, runningSince,
                endpoint, new NotebookShape(notebook == null ? null : notebook.lifecycleConfig(), coverage,
                notebook == null ? null : notebook.volumeSizeGb()), app, account, cluster, space);
    }

    /** This notebook with the size of its ML storage volume, as DescribeNotebookInstance gave it. */
    public Resource withVolumeSize(Integer gb) {
        return new Resource(kind, name, region, arn, status, instanceType, instanceCount, createdAt, runningSince,
                endpoint, new NotebookShape(notebook == null ? null : notebook.lifecycleConfig(),
                notebook == null ? null : notebook.autostop(), gb), app, account, cluster, space);
    }

    /**
     * The size in GB of the storage volume that outlives its compute: a notebook's ML storage volume, a Studio
     * space's EBS volume (on the space's own row, never on its apps': one volume, counted once). Null when there is
     * none or it was not read.
     */
    public Integer storageGb() {
        if (notebook != null) {
            return notebook.volumeSizeGb();
        }
        return space == null ? null : space.ebsVolumeSizeGb();
    }

    /**
     * What only Studio apps have. {@code idleShutdown} is null when it could not be determined. The EBS volume of
     * the space an app runs in is the space's (kind {@link Kind#SPACE}), not the app's.
     */
    public record AppShape(String domainId, String appType, String userProfile, String space,
                           Boolean idleShutdown, String idleShutdownWhere) {

        public String owner() {
            return space != null ? "space " + space : userProfile != null ? "user " + userProfile : null;
        }
    }

    public Resource withEndpoint(EndpointShape shape, String type, Integer count) {
        return new Resource(kind, name, region, arn, status, type, count, createdAt, runningSince, shape, notebook, app,
                account, cluster, space);
    }

    /**
     * The name the table shows: Studio app names repeat ("default" in every space), so an app's says whose it is,
     * "default (Canvas, user alice)"; space names repeat across domains, so a space's says whose domain, and whose
     * space when it is private. Any other resource's is its name. The name filters match it too.
     */
    public String displayName() {
        if (app != null && app.owner() != null) {
            return name + " (" + app.appType() + ", " + app.owner() + ")";
        }
        if (space != null) {
            return name + " (" + space.domainId()
                    + (space.ownerUserProfile() != null ? ", private to " + space.ownerUserProfile() : "") + ")";
        }
        return name;
    }

    public Resource withStatus(String newStatus) {
        return new Resource(kind, name, region, arn, newStatus, instanceType, instanceCount, createdAt, runningSince,
                endpoint, notebook, app, account, cluster, space);
    }

    /** This space with its ARN (ListSpaces gives none; DescribeSpace does). */
    public Resource withArn(String newArn) {
        return new Resource(kind, name, region, newArn, status, instanceType, instanceCount, createdAt, runningSince,
                endpoint, notebook, app, account == null ? accountOf(newArn) : account, cluster, space);
    }
}
