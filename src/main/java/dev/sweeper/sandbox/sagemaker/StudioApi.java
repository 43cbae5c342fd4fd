package dev.sweeper.sandbox.sagemaker;

import static dev.sweeper.sandbox.sagemaker.SageMakerApi.contains;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.enumValue;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.epoch;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.maxResults;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.order;
import static dev.sweeper.sandbox.sagemaker.SageMakerApi.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sweeper.sandbox.protocol.AwsError;
import dev.sweeper.sandbox.world.World;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SageMaker Studio's domains, user profiles, spaces and apps (their reads and DeleteApp), answered from the
 * {@link World} with AWS's shapes (botocore's sagemaker 2017-07-24 model); their idle settings' updates are
 * {@link StudioSettingsApi}'s. Moved whole out of {@link SageMakerApi} (issue 27).
 */
final class StudioApi extends OperationGroup {
    private static final List<String> OPERATIONS = List.of("ListDomains", "DescribeDomain", "ListUserProfiles", "DescribeUserProfile", "ListSpaces", "DescribeSpace", "ListApps", "DescribeApp", "DeleteApp");

    StudioApi(World world, ObjectMapper json) {
        super(world, json, OPERATIONS);
    }

    @Override
    ObjectNode handle(String operation, JsonNode in, String region) {
        return switch (operation) {
            case "ListDomains" -> listDomains(in, region);
            case "DescribeDomain" -> describeDomain(domain(text(in, "DomainId", true), region));
            case "ListUserProfiles" -> listUserProfiles(in, region);
            case "DescribeUserProfile" -> describeUserProfile(in, region);
            case "ListSpaces" -> listSpaces(in, region);
            case "DescribeSpace" -> describeSpace(in, region);
            case "ListApps" -> listApps(in, region);
            case "DescribeApp" -> describeApp(app(in, region));
            case "DeleteApp" -> deleteApp(app(in, region));
            default -> throw new AwsError("UnknownOperationException", 400,
                    "The sandbox does not implement SageMaker." + operation);
        };
    }

    // ---- Studio ----

    private World.Domain domain(String id, String region) {
        World.Domain d = world.domains.get(World.key(region, id));
        if (d == null) {
            throw AwsError.resourceNotFound("Domain with ID " + id + " not found");
        }
        return d;
    }

    private ObjectNode listDomains(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        return list(in, "ListDomains", "Domains", new ArrayList<>(world.domains.values()), d -> d.region.equals(region),
                Comparator.comparing((World.Domain d) -> d.created).reversed(), max, d -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainArn", d.arn);
                    o.put("DomainId", d.id);
                    o.put("DomainName", d.name);
                    o.put("Status", "InService");
                    o.put("CreationTime", epoch(d.created));
                    o.put("LastModifiedTime", epoch(d.created));
                    o.put("Url", "https://" + d.id + ".studio." + d.region + ".sagemaker.aws");
                    return o;
                });
    }

    private ObjectNode idleSettings(Boolean enabled, int timeout, boolean spaceShape) {
        ObjectNode idle = json.createObjectNode();
        if (spaceShape) {
            idle.put("IdleTimeoutInMinutes", timeout);
        } else {
            idle.put("LifecycleManagement", enabled ? "ENABLED" : "DISABLED");
            if (enabled) {
                idle.put("IdleTimeoutInMinutes", timeout);
                idle.put("MinIdleTimeoutInMinutes", 60);
                idle.put("MaxIdleTimeoutInMinutes", 525_600);
            }
        }
        ObjectNode alm = json.createObjectNode();
        alm.set("IdleSettings", idle);
        return alm;
    }

    private ObjectNode appSettings(Boolean idleShutdown, int timeout) {
        ObjectNode s = json.createObjectNode();
        s.put("ExecutionRole", "arn:aws:iam::" + world.account + ":role/service-role/AmazonSageMaker-ExecutionRole");
        s.putObject("JupyterServerAppSettings").putObject("DefaultResourceSpec").put("InstanceType", "system");
        if (idleShutdown != null) {
            s.putObject("JupyterLabAppSettings").set("AppLifecycleManagement", idleSettings(idleShutdown, timeout, false));
            s.putObject("CodeEditorAppSettings").set("AppLifecycleManagement", idleSettings(idleShutdown, timeout, false));
        }
        return s;
    }

    private ObjectNode describeDomain(World.Domain d) {
        ObjectNode o = json.createObjectNode();
        o.put("DomainArn", d.arn);
        o.put("DomainId", d.id);
        o.put("DomainName", d.name);
        o.put("HomeEfsFileSystemId", "fs-0" + Integer.toHexString(d.id.hashCode() & 0xfffffff));
        o.put("Status", "InService");
        o.put("CreationTime", epoch(d.created));
        o.put("LastModifiedTime", epoch(d.created));
        o.put("AuthMode", "IAM");
        ObjectNode defaults = appSettings(d.idleShutdown, d.idleTimeoutMinutes);
        StudioSettingsApi.overlay(json, defaults, d.idleUpdates);
        o.set("DefaultUserSettings", defaults);
        ObjectNode space = json.createObjectNode();
        space.put("ExecutionRole", "arn:aws:iam::" + world.account + ":role/service-role/AmazonSageMaker-ExecutionRole");
        if (d.idleShutdown != null) {
            space.putObject("JupyterLabAppSettings").set("AppLifecycleManagement", idleSettings(d.idleShutdown, d.idleTimeoutMinutes, false));
        }
        o.set("DefaultSpaceSettings", space);
        o.put("AppNetworkAccessType", "PublicInternetOnly");
        o.put("Url", "https://" + d.id + ".studio." + d.region + ".sagemaker.aws");
        return o;
    }

    private List<World.Domain> domainsFor(JsonNode in, String region) {
        String id = text(in, "DomainIdEquals", false);
        List<World.Domain> out = new ArrayList<>();
        for (World.Domain d : world.domains.values()) {
            if (d.region.equals(region) && (id == null || d.id.equals(id))) {
                out.add(d);
            }
        }
        return out;
    }

    private record Owned<T>(World.Domain domain, T item, Instant created) {
    }

    private ObjectNode listUserProfiles(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        enumValue(in, "SortBy", List.of("CreationTime", "LastModifiedTime"), "CreationTime");
        String nameContains = text(in, "UserProfileNameContains", false);
        List<Owned<World.UserProfile>> all = new ArrayList<>();
        domainsFor(in, region).forEach(d -> d.profiles.values().forEach(p -> all.add(new Owned<>(d, p, p.created))));
        return list(in, "ListUserProfiles", "UserProfiles", all, p -> contains(p.item().name, nameContains),
                order(sortOrder, Comparator.comparing((Owned<World.UserProfile> p) -> p.created()).thenComparing(p -> p.item().name)), max, p -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainId", p.domain().id);
                    o.put("UserProfileName", p.item().name);
                    o.put("Status", "InService");
                    o.put("CreationTime", epoch(p.created()));
                    o.put("LastModifiedTime", epoch(p.created()));
                    return o;
                });
    }

    private ObjectNode describeUserProfile(JsonNode in, String region) {
        World.Domain d = domain(text(in, "DomainId", true), region);
        String name = text(in, "UserProfileName", true);
        World.UserProfile p = d.profiles.get(name);
        if (p == null) {
            throw AwsError.resourceNotFound("User profile " + name + " does not exist in domain " + d.id);
        }
        ObjectNode o = json.createObjectNode();
        o.put("DomainId", d.id);
        o.put("UserProfileArn", p.arn);
        o.put("UserProfileName", p.name);
        o.put("HomeEfsFileSystemUid", "200001");
        o.put("Status", "InService");
        o.put("LastModifiedTime", epoch(p.created));
        o.put("CreationTime", epoch(p.created));
        ObjectNode userSettings = appSettings(p.idleShutdown, d.idleTimeoutMinutes);
        StudioSettingsApi.overlay(json, userSettings, p.idleUpdates);
        o.set("UserSettings", userSettings);
        return o;
    }

    /**
     * ListSpaces: SortOrder defaults to Ascending and SortBy to CreationTime (the API reference); SpaceDetails carries
     * SpaceSettingsSummary.SpaceStorageSettings, the EBS size, as AWS's service model says.
     * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListSpaces.html
     */
    private ObjectNode listSpaces(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Ascending");
        enumValue(in, "SortBy", List.of("CreationTime", "LastModifiedTime"), "CreationTime");
        String nameContains = text(in, "SpaceNameContains", false);
        List<Owned<World.Space>> all = new ArrayList<>();
        domainsFor(in, region).forEach(d -> d.spaces.values().forEach(s -> all.add(new Owned<>(d, s, s.created))));
        return list(in, "ListSpaces", "Spaces", all, s -> contains(s.item().name, nameContains),
                order(sortOrder, Comparator.comparing((Owned<World.Space> s) -> s.created()).thenComparing(s -> s.item().name)), max, s -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainId", s.domain().id);
                    o.put("SpaceName", s.item().name);
                    o.put("Status", s.item().status);
                    o.put("CreationTime", epoch(s.created()));
                    o.put("LastModifiedTime", epoch(s.created()));
                    ObjectNode summary = o.putObject("SpaceSettingsSummary").put("AppType", spaceAppType(s.domain(), s.item()));
                    // SpaceSettingsSummary.SpaceStorageSettings carries the EBS size in the listing too.
                    summary.putObject("SpaceStorageSettings").putObject("EbsStorageSettings")
                            .put("EbsVolumeSizeInGb", s.item().ebsVolumeSizeInGb);
                    o.putObject("SpaceSharingSettingsSummary").put("SharingType", s.item().owner == null ? "Shared" : "Private");
                    if (s.item().owner != null) {
                        o.putObject("OwnershipSettingsSummary").put("OwnerUserProfileName", s.item().owner);
                    }
                    return o;
                });
    }

    /** A space is set up for one app type: the type of the JupyterLab or Code Editor app run in it, else JupyterLab. */
    private static String spaceAppType(World.Domain d, World.Space s) {
        return d.apps.stream().filter(a -> s.name.equals(a.space)
                        && ("JupyterLab".equals(a.type) || "CodeEditor".equals(a.type)))
                .map(a -> a.type).findFirst().orElse("JupyterLab");
    }

    private ObjectNode describeSpace(JsonNode in, String region) {
        World.Domain d = domain(text(in, "DomainId", true), region);
        String name = text(in, "SpaceName", true);
        World.Space s = d.spaces.get(name);
        if (s == null) {
            throw AwsError.resourceNotFound("Space " + name + " does not exist in domain " + d.id);
        }
        ObjectNode o = json.createObjectNode();
        o.put("DomainId", d.id);
        o.put("SpaceArn", s.arn);
        o.put("SpaceName", s.name);
        o.put("HomeEfsFileSystemUid", "200005");
        o.put("Status", s.status);
        o.put("LastModifiedTime", epoch(s.created));
        o.put("CreationTime", epoch(s.created));
        ObjectNode settings = o.putObject("SpaceSettings");
        ObjectNode lab = settings.putObject("JupyterLabAppSettings");
        lab.putObject("DefaultResourceSpec").put("InstanceType", "ml.t3.medium");
        if (Boolean.TRUE.equals(s.idleShutdown)) {
            lab.set("AppLifecycleManagement", idleSettings(true, s.idleTimeoutMinutes, true));
        }
        StudioSettingsApi.overlay(json, settings, s.idleUpdates);
        settings.put("AppType", spaceAppType(d, s));
        // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SpaceStorageSettings.html
        settings.putObject("SpaceStorageSettings").putObject("EbsStorageSettings")
                .put("EbsVolumeSizeInGb", s.ebsVolumeSizeInGb);
        o.putObject("SpaceSharingSettings").put("SharingType", s.owner == null ? "Shared" : "Private");
        if (s.owner != null) {
            o.putObject("OwnershipSettings").put("OwnerUserProfileName", s.owner);
        }
        o.put("SpaceDisplayName", s.name);
        o.put("Url", "https://" + d.id + ".studio." + d.region + ".sagemaker.aws/jupyterlab/default");
        return o;
    }

    private ObjectNode listApps(JsonNode in, String region) {
        int max = maxResults(in, 1, 100, 10);
        String sortOrder = enumValue(in, "SortOrder", List.of("Ascending", "Descending"), "Descending");
        enumValue(in, "SortBy", List.of("CreationTime"), "CreationTime");
        String profile = text(in, "UserProfileNameEquals", false);
        String space = text(in, "SpaceNameEquals", false);
        if (profile != null && space != null) {
            throw AwsError.validation("Only one of UserProfileNameEquals and SpaceNameEquals can be specified.");
        }
        List<World.App> all = new ArrayList<>();
        domainsFor(in, region).forEach(d -> all.addAll(d.apps));
        return list(in, "ListApps", "Apps", all,
                a -> (profile == null || profile.equals(a.userProfile)) && (space == null || space.equals(a.space)),
                order(sortOrder, Comparator.comparing((World.App a) -> a.created).thenComparing(a -> a.arn)), max, a -> {
                    ObjectNode o = json.createObjectNode();
                    o.put("DomainId", a.domainId);
                    if (a.userProfile != null) {
                        o.put("UserProfileName", a.userProfile);
                    }
                    if (a.space != null) {
                        o.put("SpaceName", a.space);
                    }
                    o.put("AppType", a.type);
                    o.put("AppName", a.name);
                    o.put("Status", a.status);
                    o.put("CreationTime", epoch(a.created));
                    o.set("ResourceSpec", resourceSpec(a));
                    return o;
                });
    }

    private ObjectNode resourceSpec(World.App a) {
        ObjectNode r = json.createObjectNode();
        // ResourceSpec (botocore's model): SageMakerImageArn, SageMakerImageVersionAlias ("in SemVer 2.0.0
        // versioning format"), InstanceType. SageMaker Distribution images are AWS's own (its account); others are
        // the account's custom images.
        boolean smd = a.image.startsWith("sagemaker-distribution");
        r.put("SageMakerImageArn", smd ? "arn:aws:sagemaker:" + a.region + ":081325390199:image/" + a.image
                : world.arn(a.region, "image/" + a.image));
        if (a.imageVersion != null) {
            r.put("SageMakerImageVersionAlias", a.imageVersion);
        }
        r.put("InstanceType", a.instanceType);
        return r;
    }

    private World.App app(JsonNode in, String region) {
        World.Domain d = domain(text(in, "DomainId", true), region);
        String profile = text(in, "UserProfileName", false);
        String space = text(in, "SpaceName", false);
        String type = text(in, "AppType", true);
        String name = text(in, "AppName", true);
        if ((profile == null) == (space == null)) {
            throw AwsError.validation("Exactly one of UserProfileName or SpaceName must be specified.");
        }
        for (World.App a : d.apps) {
            if (a.type.equals(type) && a.name.equals(name) && (profile == null || profile.equals(a.userProfile))
                    && (space == null || space.equals(a.space))) {
                return a;
            }
        }
        String owner = profile != null ? profile : space;
        throw AwsError.resourceNotFound("App " + world.arn(region, "app/" + d.id + "/" + owner + "/" + type + "/" + name) + " does not exist.");
    }

    private ObjectNode describeApp(World.App a) {
        ObjectNode o = json.createObjectNode();
        o.put("AppArn", a.arn);
        o.put("AppType", a.type);
        o.put("AppName", a.name);
        o.put("DomainId", a.domainId);
        if (a.userProfile != null) {
            o.put("UserProfileName", a.userProfile);
        }
        if (a.space != null) {
            o.put("SpaceName", a.space);
        }
        o.put("Status", a.status);
        if ("InService".equals(a.status)) {
            // like AWS, the "activity" timestamps move with health checks
            o.put("LastHealthCheckTimestamp", epoch(world.now().minusSeconds(90)));
            o.put("LastUserActivityTimestamp", epoch(a.lastActivity.isAfter(world.start) ? a.lastActivity : world.now().minusSeconds(120)));
        }
        o.put("CreationTime", epoch(a.created));
        o.set("ResourceSpec", resourceSpec(a));
        return o;
    }

    private ObjectNode deleteApp(World.App a) {
        if (!"InService".equals(a.status) && !"Failed".equals(a.status)) {
            throw new AwsError("ResourceInUse", 400, "App " + a.arn + " is in status " + a.status + " and cannot be deleted.");
        }
        a.status = "Deleting";
        world.later(() -> a.status = "Deleted");
        return json.createObjectNode();
    }
}
