package dev.sweeper.sandbox;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** Real SDK clients pointed at a sandbox, and a tiny client for its admin routes. */
record SandboxClients(SandboxServer server, SageMakerClient sageMaker, CloudWatchClient cloudWatch, SnsClient sns) implements AutoCloseable {

    static SandboxClients of(SandboxServer server) {
        return of(server, Region.US_EAST_1);
    }

    /** The caller's own (base) credentials: any key that is not one AssumeRole issued. */
    static AwsCredentialsProvider baseCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "sandbox-secret"));
    }

    static SandboxClients of(SandboxServer server, Region region) {
        return of(server, region, baseCredentials());
    }

    static SandboxClients of(SandboxServer server, Region region, AwsCredentialsProvider creds) {
        var http = ApacheHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build();
        URI endpoint = server.endpoint();
        return new SandboxClients(server,
                SageMakerClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(creds).httpClient(http).build(),
                CloudWatchClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(creds).httpClient(http).build(),
                SnsClient.builder().endpointOverride(endpoint).region(region).credentialsProvider(creds).httpClient(http).build());
    }

    String admin(String method, String path, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.endpoint().resolve(path));
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sageMaker.close();
        cloudWatch.close();
        sns.close();
    }
}
