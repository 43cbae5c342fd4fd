package dev.sweeper.core;

/**
 * The SageMaker calls the use cases make, in one region, by family: each family is a port of its own
 * ({@link NotebooksGateway}, {@link EndpointsGateway}, {@link StudioGateway}, {@link StudioSettingsGateway},
 * {@link MlflowGateway}, {@link HyperPodGateway}, {@link TagsGateway}), and this is all of them at once, for the
 * callers that still take the whole service. Lists are read to their last page. Every method throws
 * {@link AwsCallException} when the call fails.
 */
public interface SageMakerGateway extends NotebooksGateway, EndpointsGateway, StudioGateway, StudioSettingsGateway,
        MlflowGateway, HyperPodGateway, TagsGateway {
}
