package dev.sweeper.aws;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Resource;
import dev.sweeper.core.kinds.MlflowKind;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** {@link MlflowKind.Gateway} over the SDK's SageMaker client, for one region. */
final class MlflowAdapter extends SageMakerCalls implements MlflowKind.Gateway {

    MlflowAdapter(SageMakerClient client, String region) {
        super(client, region);
    }

    @Override
    public List<Resource> listMlflowServers() {
        return call("ListMlflowTrackingServers", () -> client.listMlflowTrackingServersPaginator(b -> b.maxResults(PAGE))
                .trackingServerSummaries().stream()
                .map(s -> mlflowServer(s.trackingServerName(), s.trackingServerArn(), s.trackingServerStatusAsString(),
                        null, s.creationTime(), s.lastModifiedTime()))
                .toList());
    }

    private Resource mlflowServer(String name, String arn, String status, String size, java.time.Instant created,
                                  java.time.Instant modified) {
        // The size stands in the instance-type column: Small, Medium or Large.
        return new Resource(name, region, arn, status, size, 1, created,
                modified != null ? modified : created, new Resource.MlflowShape(), Resource.accountOf(arn));
    }

    @Override
    public Optional<Resource> describeMlflowServer(String name) {
        try {
            var d = call("DescribeMlflowTrackingServer", () -> client.describeMlflowTrackingServer(b -> b.trackingServerName(name)));
            return Optional.of(mlflowServer(d.trackingServerName(), d.trackingServerArn(), d.trackingServerStatusAsString(),
                    d.trackingServerSizeAsString(), d.creationTime(), d.lastModifiedTime()));
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void stopMlflowServer(String name) {
        call("StopMlflowTrackingServer", () -> client.stopMlflowTrackingServer(b -> b.trackingServerName(name)));
    }

    @Override
    public void startMlflowServer(String name) {
        call("StartMlflowTrackingServer", () -> client.startMlflowTrackingServer(b -> b.trackingServerName(name)));
    }
}
