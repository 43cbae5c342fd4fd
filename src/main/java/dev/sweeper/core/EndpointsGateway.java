package dev.sweeper.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SageMaker calls on real-time endpoints and their inference components, in one region. Part of
 * {@link SageMakerGateway}; every method throws {@link AwsCallException} when the call fails.
 */
public interface EndpointsGateway {

    /**
     * Every endpoint, as listed (name, ARN, status, creation time; not yet described), handing each page to
     * {@code eachPage} as soon as it is read, so that work which needs only a few endpoints to be known can start
     * before the last page.
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
}
