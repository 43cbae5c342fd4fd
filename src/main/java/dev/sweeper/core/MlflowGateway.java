package dev.sweeper.core;

import java.util.List;
import java.util.Optional;

/**
 * The SageMaker calls on MLflow tracking servers, in one region. Part of {@link SageMakerGateway}; every method
 * throws {@link AwsCallException} when the call fails.
 */
public interface MlflowGateway {

    /**
     * Every MLflow tracking server (ListMlflowTrackingServers, to its last page): name, ARN, status, times; the
     * size is not listed (null until described).
     */
    List<Resource> listMlflowServers();

    /** The tracking server as it is now, with its size (DescribeMlflowTrackingServer), or empty when it no longer exists. */
    Optional<Resource> describeMlflowServer(String name);

    void stopMlflowServer(String name);

    void startMlflowServer(String name);
}
