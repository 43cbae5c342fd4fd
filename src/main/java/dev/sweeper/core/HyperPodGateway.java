package dev.sweeper.core;

import java.util.List;
import java.util.Optional;

/**
 * The SageMaker calls on HyperPod clusters, in one region. Part of {@link SageMakerGateway}; every method throws
 * {@link AwsCallException} when the call fails.
 */
public interface HyperPodGateway {

    /**
     * Every HyperPod cluster (ListClusters, to its last page): name, ARN, status, creation time; its instance groups
     * are not listed (null until described).
     */
    List<Resource> listClusters();

    /** The cluster as it is now, with its instance groups (DescribeCluster), or empty when it no longer exists. */
    Optional<Resource> describeCluster(String name);
}
