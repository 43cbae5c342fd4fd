package dev.sweeper.core;

import dev.sweeper.core.kinds.HyperPodKind;
import dev.sweeper.core.kinds.MlflowKind;

/**
 * The SageMaker calls the use cases make, in one region, by family: each family is a port of its own
 * ({@link NotebooksGateway}, {@link EndpointsGateway}, {@link StudioGateway}, {@link StudioSettingsGateway},
 * {@link TagsGateway}; a kind that is a family of its own declares its calls in its definition:
 * {@link MlflowKind.Gateway}, {@link HyperPodKind.Gateway}), and this is all of them at once, for the callers that
 * still take the whole service. Lists are read to their last page. Every method throws {@link AwsCallException} when
 * the call fails.
 */
public interface SageMakerGateway extends NotebooksGateway, EndpointsGateway, StudioGateway, StudioSettingsGateway,
        MlflowKind.Gateway, HyperPodKind.Gateway, TagsGateway {
}
