package dev.sweeper.core;

import java.util.List;
import java.util.Optional;

/**
 * The SageMaker calls on notebook instances and their lifecycle configurations, in one region. Part of
 * {@link SageMakerGateway}; every method throws {@link AwsCallException} when the call fails.
 */
public interface NotebooksGateway {

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
}
