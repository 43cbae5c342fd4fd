package dev.sweeper.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SageMaker calls the use cases make, in one region. Lists are read to their last page.
 * Every method throws {@link AwsCallException} when the call fails.
 */
public interface SageMakerGateway {

    /** Every endpoint, as listed: name, ARN, status, creation time; not yet described. */
    default List<Resource> listEndpoints() {
        return listEndpoints(page -> { });
    }

    /**
     * As {@link #listEndpoints()}, handing each page to {@code eachPage} as soon as it is read, so
     * that work which needs only a few endpoints to be known can start before the last page.
     */
    List<Resource> listEndpoints(Consumer<List<Resource>> eachPage);

    /**
     * The endpoint with its variants, instance counts, and whether it is serverless or asynchronous
     * (DescribeEndpoint). Instance types may still be missing: see {@link #withInstanceTypes}.
     */
    Resource describeEndpoint(Resource listed);

    /**
     * The described endpoint with its variants' instance types, from its endpoint config. Configs
     * are read once however many endpoints share them.
     */
    Resource withInstanceTypes(Resource described);

    /** The endpoint's status now, or empty when it no longer exists. */
    Optional<String> endpointStatus(String name);

    void deleteEndpoint(String name);

    /** An inference component, as ListInferenceComponents gives it. */
    record InferenceComponent(String name, String endpointName, String status) {
    }

    /**
     * The inference components in the region (ListInferenceComponents, read to its last page), or only
     * those hosted on {@code endpointName} when it is not null.
     */
    List<InferenceComponent> listInferenceComponents(String endpointName);

    void deleteInferenceComponent(String name);

    /** Every notebook instance, with status, instance type, times and lifecycle config. */
    List<Resource> listNotebooks();

    /** The notebook as it is now, or empty when it no longer exists. */
    Optional<Resource> describeNotebook(String name);

    void stopNotebook(String name);

    void startNotebook(String name);

    /**
     * A notebook instance lifecycle configuration with its hooks' base64 Content
     * (DescribeNotebookInstanceLifecycleConfig), or empty when there is none by that name.
     */
    Optional<AutostopRollout.Config> describeLifecycleConfig(String name);

    /** Creates a lifecycle configuration (CreateNotebookInstanceLifecycleConfig); hooks that are null are left out. */
    void createLifecycleConfig(AutostopRollout.Config config);

    /**
     * Attaches this lifecycle configuration to a Stopped notebook instance, or detaches the one it has when
     * {@code configName} is null (UpdateNotebookInstance).
     */
    void setNotebookLifecycleConfig(String notebook, String configName);

    /** Every Studio app of every domain, with its domain's and owner's idle-shutdown settings. */
    List<Resource> listApps();

    /**
     * As {@link #listApps()}, but a domain that cannot be read costs only its own apps: they are left
     * out and the failure is added to {@code problems} (one line per domain).
     */
    default List<Resource> listApps(List<String> problems) {
        return listApps();
    }

    /** The app as it is now (with its ARN and status), or empty when it no longer exists. */
    Optional<Resource> describeApp(Resource app);

    void deleteApp(Resource app);

    /**
     * Every Studio space of every domain (ListDomains, then ListSpaces per domain, each to its last page), with its
     * owner, sharing type and EBS volume size as listed; no ARN (ListSpaces gives none). A domain whose spaces cannot
     * be listed costs only its own spaces: they are left out and the failure is added to {@code problems} (one line
     * per domain). The domains are listed once however many kinds ask for them.
     */
    List<Resource> listSpaces(List<String> problems);

    /** The space as it is now, with its ARN (DescribeSpace), or empty when it no longer exists. */
    Optional<Resource> describeSpace(Resource space);

    /**
     * Every MLflow tracking server (ListMlflowTrackingServers, to its last page): name, ARN, status, times; the
     * size is not listed (null until described).
     */
    List<Resource> listMlflowServers();

    /** The tracking server as it is now, with its size (DescribeMlflowTrackingServer), or empty when it no longer exists. */
    Optional<Resource> describeMlflowServer(String name);

    void stopMlflowServer(String name);

    void startMlflowServer(String name);

    /**
     * The idle-shutdown settings of every domain's defaults (ListDomains, DescribeDomain), or of every user profile
     * with its domain's defaults (also ListUserProfiles, DescribeUserProfile), for JupyterLab and Code Editor.
     */
    List<StudioSettings> listStudioSettings(StudioSettings.Scope scope);

    /** The domain's or user profile's settings as they are now, or empty when it no longer exists. */
    Optional<StudioSettings> describeStudioSettings(StudioSettings settings);

    /**
     * Sets these app types' {@code AppLifecycleManagement.IdleSettings} on the domain's default user settings
     * (UpdateDomain) or the user profile's (UpdateUserProfile). Each app type's other settings are read first and
     * sent back unchanged; nothing else is sent.
     */
    void setIdleSettings(StudioSettings target, Map<String, StudioSettings.Idle> settings);

    /**
     * Every HyperPod cluster (ListClusters, to its last page): name, ARN, status, creation time; its instance groups
     * are not listed (null until described).
     */
    List<Resource> listClusters();

    /** The cluster as it is now, with its instance groups (DescribeCluster), or empty when it no longer exists. */
    Optional<Resource> describeCluster(String name);

    /** The resource's tags, read with ListTags (authoritative and current). */
    Map<String, String> listTags(String arn);

    /**
     * The tags of many resources, by ARN as given; a resource whose tags could not be read is in
     * {@link TagsRead#failed()} instead. Read in bulk where the caller may (eventually consistent:
     * re-read one resource with {@link #listTags} before acting on it); {@code warn} hears once
     * when the sweeper falls back to one ListTags per resource.
     */
    default TagsRead tagsOf(List<String> arns, Consumer<String> warn) {
        Map<String, Map<String, String>> tags = new java.util.LinkedHashMap<>();
        Map<String, AwsCallException> failed = new java.util.LinkedHashMap<>();
        for (String arn : arns) {
            try {
                tags.put(arn, listTags(arn));
            } catch (AwsCallException e) {
                failed.put(arn, e);
            }
        }
        return new TagsRead(tags, failed);
    }

    /** Tags by ARN, and the reason for each ARN whose tags could not be read. */
    record TagsRead(Map<String, Map<String, String>> tags, Map<String, AwsCallException> failed) {
    }

    void addTags(String arn, Map<String, String> tags);

    void deleteTags(String arn, List<String> keys);
}
