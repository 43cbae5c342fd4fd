package dev.sweeper.aws;

import dev.sweeper.core.AutostopRollout;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.StudioSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * {@link SageMakerGateway} over the SDK's SageMaker client, for one region: the family adapters
 * ({@link NotebooksAdapter}, {@link EndpointsAdapter}, {@link StudioAdapter}, {@link StudioSettingsAdapter},
 * {@link MlflowAdapter}, {@link HyperPodAdapter}, {@link TagsAdapter}) sharing one client, each call handed to its
 * family. Nothing is decided here.
 */
final class SageMakerAdapter implements SageMakerGateway {
    private final NotebooksAdapter notebooks;
    private final EndpointsAdapter endpoints;
    private final StudioAdapter studio;
    private final StudioSettingsAdapter studioSettings;
    private final MlflowAdapter mlflow;
    private final HyperPodAdapter hyperPod;
    private final TagsAdapter tags;

    /** What the SageMaker client carries for the family adapters (what the SDK does not model), one set per client. */
    static List<ExecutionInterceptor> interceptors() {
        return List.of(HyperPodAdapter.interceptor());
    }

    /** {@code bulkTags}: tags in bulk, or null: one ListTags per resource. */
    SageMakerAdapter(SageMakerClient client, String region, Executor pool, BulkTags bulkTags) {
        this.notebooks = new NotebooksAdapter(client, region);
        this.endpoints = new EndpointsAdapter(client, region);
        this.studio = new StudioAdapter(client, region, pool);
        this.studioSettings = new StudioSettingsAdapter(client, region);
        this.mlflow = new MlflowAdapter(client, region);
        this.hyperPod = new HyperPodAdapter(client, region);
        this.tags = new TagsAdapter(client, region, bulkTags);
    }

    // Endpoints and inference components

    @Override
    public List<Resource> listEndpoints(Consumer<List<Resource>> eachPage) {
        return endpoints.listEndpoints(eachPage);
    }

    @Override
    public Resource describeEndpoint(Resource listed) {
        return endpoints.describeEndpoint(listed);
    }

    @Override
    public Resource withInstanceTypes(Resource described) {
        return endpoints.withInstanceTypes(described);
    }

    @Override
    public Optional<String> endpointStatus(String name) {
        return endpoints.endpointStatus(name);
    }

    @Override
    public void deleteEndpoint(String name) {
        endpoints.deleteEndpoint(name);
    }

    @Override
    public List<InferenceComponent> listInferenceComponents(String endpointName) {
        return endpoints.listInferenceComponents(endpointName);
    }

    @Override
    public void deleteInferenceComponent(String name) {
        endpoints.deleteInferenceComponent(name);
    }

    // Notebook instances and their lifecycle configurations

    @Override
    public List<Resource> listNotebooks() {
        return notebooks.listNotebooks();
    }

    @Override
    public Optional<Resource> describeNotebook(String name) {
        return notebooks.describeNotebook(name);
    }

    @Override
    public void stopNotebook(String name) {
        notebooks.stopNotebook(name);
    }

    @Override
    public void startNotebook(String name) {
        notebooks.startNotebook(name);
    }

    @Override
    public Optional<AutostopRollout.Config> describeLifecycleConfig(String name) {
        return notebooks.describeLifecycleConfig(name);
    }

    @Override
    public void createLifecycleConfig(AutostopRollout.Config config) {
        notebooks.createLifecycleConfig(config);
    }

    @Override
    public void setNotebookLifecycleConfig(String notebook, String configName) {
        notebooks.setNotebookLifecycleConfig(notebook, configName);
    }

    // Studio apps and spaces

    @Override
    public List<Resource> listApps() {
        return studio.listApps();
    }

    @Override
    public List<Resource> listApps(List<String> problems) {
        return studio.listApps(problems);
    }

    @Override
    public Optional<Resource> describeApp(Resource app) {
        return studio.describeApp(app);
    }

    @Override
    public void deleteApp(Resource app) {
        studio.deleteApp(app);
    }

    @Override
    public List<Resource> listSpaces(List<String> problems) {
        return studio.listSpaces(problems);
    }

    @Override
    public Optional<Resource> describeSpace(Resource space) {
        return studio.describeSpace(space);
    }

    // Studio domains' and user profiles' idle-shutdown settings

    @Override
    public List<StudioSettings> listStudioSettings(StudioSettings.Scope scope) {
        return studioSettings.listStudioSettings(scope);
    }

    @Override
    public Optional<StudioSettings> describeStudioSettings(StudioSettings settings) {
        return studioSettings.describeStudioSettings(settings);
    }

    @Override
    public void setIdleSettings(StudioSettings target, Map<String, StudioSettings.Idle> settings) {
        studioSettings.setIdleSettings(target, settings);
    }

    // MLflow tracking servers

    @Override
    public List<Resource> listMlflowServers() {
        return mlflow.listMlflowServers();
    }

    @Override
    public Optional<Resource> describeMlflowServer(String name) {
        return mlflow.describeMlflowServer(name);
    }

    @Override
    public void stopMlflowServer(String name) {
        mlflow.stopMlflowServer(name);
    }

    @Override
    public void startMlflowServer(String name) {
        mlflow.startMlflowServer(name);
    }

    // HyperPod clusters

    @Override
    public List<Resource> listClusters() {
        return hyperPod.listClusters();
    }

    @Override
    public Optional<Resource> describeCluster(String name) {
        return hyperPod.describeCluster(name);
    }

    // Tags

    @Override
    public Map<String, String> listTags(String arn) {
        return tags.listTags(arn);
    }

    @Override
    public TagsRead tagsOf(List<String> arns, Consumer<String> warn) {
        return tags.tagsOf(arns, warn);
    }

    @Override
    public void addTags(String arn, Map<String, String> tags) {
        this.tags.addTags(arn, tags);
    }

    @Override
    public void deleteTags(String arn, List<String> keys) {
        tags.deleteTags(arn, keys);
    }
}
