package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Futures;
import dev.sweeper.core.Resource;
import dev.sweeper.core.StudioGateway;
import dev.sweeper.core.StudioIdleShutdown;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.AppDetails;
import software.amazon.awssdk.services.sagemaker.model.AppLifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.DescribeDomainResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeSpaceResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeUserProfileResponse;
import software.amazon.awssdk.services.sagemaker.model.DomainDetails;
import software.amazon.awssdk.services.sagemaker.model.LifecycleManagement;
import software.amazon.awssdk.services.sagemaker.model.SpaceDetails;
import software.amazon.awssdk.services.sagemaker.model.UserSettings;

/** {@link StudioGateway} (Studio apps and spaces) over the SDK's SageMaker client, for one region. */
final class StudioAdapter extends SageMakerCalls implements StudioGateway {
    /** Runs independent calls (the describes behind the app listing) concurrently. */
    private final Executor pool;
    /**
     * The region's Studio domains, listed once for the life of this adapter (one command): apps and spaces, inspected
     * side by side, both start from them. A failed listing is not kept: the next caller tries again.
     */
    private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<List<DomainDetails>>> domains =
            new java.util.concurrent.atomic.AtomicReference<>();

    StudioAdapter(SageMakerClient client, String region, Executor pool) {
        super(client, region);
        this.pool = pool;
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
                String domainArn = listed.get(i).domainArn();
                Futures.join(spaces.get(i)).forEach(s -> out.add(space(s, domainArn)));
            } catch (AwsCallException e) {
                problems.add(region + ": domain " + listed.get(i).domainId() + ": could not list its spaces, so"
                        + " their storage is not shown: " + e.getMessage());
            }
        }
        return out;
    }

    /**
     * A space as listed: SpaceDetails carries its storage size, owner and sharing type (no DescribeSpace needed), and
     * its ARN is its domain's account and region with {@code space/DOMAIN/SPACE} (no DescribeSpace needed either).
     */
    private Resource space(SpaceDetails s, String domainArn) {
        var settings = s.spaceSettingsSummary();
        Integer ebs = settings == null || settings.spaceStorageSettings() == null
                || settings.spaceStorageSettings().ebsStorageSettings() == null ? null
                : settings.spaceStorageSettings().ebsStorageSettings().ebsVolumeSizeInGb();
        String arn = childArn(domainArn, "space/" + s.domainId() + "/" + s.spaceName());
        return new Resource(s.spaceName(), region, arn, s.statusAsString(), null, null, s.creationTime(),
                s.creationTime(),
                new Resource.SpaceShape(s.domainId(),
                        s.ownershipSettingsSummary() == null ? null : s.ownershipSettingsSummary().ownerUserProfileName(),
                        s.spaceSharingSettingsSummary() == null ? null
                                : s.spaceSharingSettingsSummary().sharingTypeAsString(),
                        settings == null ? null : settings.appTypeAsString(), ebs), Resource.accountOf(arn));
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
        // The image decides whether the settings can take effect (StudioIdleShutdown.image); ListApps gives it.
        StudioIdleShutdown.Image image = StudioIdleShutdown.appliesTo(a.appTypeAsString())
                ? StudioIdleShutdown.image(a.resourceSpec() == null ? null : a.resourceSpec().sageMakerImageArn(),
                        a.resourceSpec() == null ? null : a.resourceSpec().sageMakerImageVersionAlias())
                : null;
        String arn = childArn(domain.domainArn(), "app/" + a.domainId() + "/"
                + (a.spaceName() != null ? a.spaceName() : a.userProfileName()) + "/" + a.appTypeAsString() + "/"
                + a.appName());
        return new Resource(a.appName(), region, arn, a.statusAsString(), type, 1, a.creationTime(),
                a.creationTime(),
                new Resource.AppShape(a.domainId(), a.appTypeAsString(), a.userProfileName(), a.spaceName(),
                        shutdown, where, image), Resource.accountOf(arn));
    }

    /**
     * The ARN of a resource of a Studio domain, which ListApps and ListSpaces do not give: the domain's partition,
     * region and account, then the resource's own part, in SageMaker's ARN formats for apps
     * ({@code app/DOMAIN/USER_PROFILE_OR_SPACE/APP_TYPE/APP_NAME}) and spaces ({@code space/DOMAIN/SPACE}), as the
     * Service Authorization Reference lists them for SageMaker AI (resource types "app" and "space"), lower-cased as
     * SageMaker writes the resource part of its ARNs (AppArn as DescribeApp and the tagging API give it). Null when the
     * domain's ARN is unknown: the resource is then described for its ARN where one is needed.
     */
    static String childArn(String domainArn, String resource) {
        int at = domainArn == null ? -1 : domainArn.indexOf(":domain/");
        return at < 0 ? null : domainArn.substring(0, at + 1) + resource.toLowerCase(java.util.Locale.ROOT);
    }

    /** The app type's lifecycle management in these user settings, or null (also read by {@link StudioSettingsAdapter}). */
    static AppLifecycleManagement appSettings(UserSettings settings, String appType) {
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
            return Optional.of(new Resource(app.name(), region, d.appArn(), d.statusAsString(),
                    app.instanceType(), app.instanceCount(), app.createdAt(), app.runningSince(), shape, Resource.accountOf(d.appArn())));
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
}
