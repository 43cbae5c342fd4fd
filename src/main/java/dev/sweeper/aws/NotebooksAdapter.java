package dev.sweeper.aws;

import dev.sweeper.core.AutostopRollout;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.NotebooksGateway;
import dev.sweeper.core.Resource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceResponse;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceLifecycleHook;
import software.amazon.awssdk.services.sagemaker.model.NotebookInstanceSummary;

/** {@link NotebooksGateway} over the SDK's SageMaker client, for one region. */
final class NotebooksAdapter extends SageMakerCalls implements NotebooksGateway {

    NotebooksAdapter(SageMakerClient client, String region) {
        super(client, region);
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
        return new Resource(name, region, arn, status, type, 1, created, since,
                new Resource.NotebookShape(lifecycle), Resource.accountOf(arn));
    }

    @Override
    public Optional<Resource> describeNotebook(String name) {
        try {
            DescribeNotebookInstanceResponse d = call("DescribeNotebookInstance",
                    () -> client.describeNotebookInstance(b -> b.notebookInstanceName(name)));
            // VolumeSizeInGB and PlatformIdentifier: only the describe has them (NotebookInstanceSummary does not).
            return Optional.of(notebook(d.notebookInstanceName(), d.notebookInstanceArn(),
                    d.notebookInstanceStatusAsString(), d.instanceTypeAsString(), d.creationTime(),
                    d.lastModifiedTime(), d.notebookInstanceLifecycleConfigName())
                    .withDescribed(d.volumeSizeInGB(), d.platformIdentifier()).withFailureReason(d.failureReason()));
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
}
