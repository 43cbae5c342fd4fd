package dev.sweeper.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What the SageMaker adapters of every family share: the region's client, the region, the page size asked of
 * every listing, and the call that translates the SDK's exceptions at the adapter boundary ({@link Errors}).
 */
abstract class SageMakerCalls {
    static final int PAGE = 100;

    final SageMakerClient client;
    final String region;

    SageMakerCalls(SageMakerClient client, String region) {
        this.client = client;
        this.region = region;
    }

    static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw Errors.translate(operation, e);
        }
    }
}
