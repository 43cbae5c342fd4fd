package dev.sweeper.aws;

import dev.sweeper.core.Gateways;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.Notifier;
import dev.sweeper.core.SageMakerGateway;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one place SDK clients are built: lazily, one per service and region, sharing one HTTP
 * client and one credentials provider, all with the same endpoint override, retry mode and
 * timeouts.
 */
public final class AwsGateways implements Gateways {
    private final AwsSettings settings;
    private final ExecutorService pool;
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();
    private final Map<String, Object> gateways = new ConcurrentHashMap<>();
    private volatile SdkHttpClient http;
    private volatile AwsCredentialsProvider credentials;

    /** {@code pool} runs the independent calls (metric batches, describes) concurrently. */
    public AwsGateways(AwsSettings settings, ExecutorService pool) {
        this.settings = settings;
        this.pool = pool;
    }

    @Override
    public SageMakerGateway sageMaker(String region) {
        return (SageMakerGateway) gateways.computeIfAbsent("sagemaker/" + region,
                k -> new SageMakerAdapter(client("sagemaker", region, SageMakerClient.builder()), region));
    }

    @Override
    public MetricsGateway metrics(String region) {
        return (MetricsGateway) gateways.computeIfAbsent("cloudwatch/" + region,
                k -> new CloudWatchAdapter(client("cloudwatch", region, CloudWatchClient.builder()), pool));
    }

    @Override
    public Notifier notifier(String region) {
        return (Notifier) gateways.computeIfAbsent("sns/" + region,
                k -> new SnsAdapter(client("sns", region, SnsClient.builder())));
    }

    @SuppressWarnings("unchecked")
    private <C extends AutoCloseable, B extends AwsClientBuilder<B, C>> C client(String service, String region,
                                                                               B builder) {
        return (C) clients.computeIfAbsent(service + "/" + region, k -> {
            builder.region(Region.of(region))
                    .credentialsProvider(credentials())
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            // Adaptive: the standard retries with backoff, plus client-side rate
                            // limiting once AWS throttles, so a large sweep slows down instead of failing.
                            .retryStrategy(RetryMode.ADAPTIVE_V2)
                            .apiCallTimeout(settings.apiCallTimeout())
                            .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                            .build());
            if (settings.endpointUrl() != null) {
                builder.endpointOverride(settings.endpointUrl());
            }
            ((software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<?, ?>) builder).httpClient(http());
            return builder.build();
        });
    }

    private SdkHttpClient http() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = UrlConnectionHttpClient.builder()
                            .connectionTimeout(java.time.Duration.ofSeconds(5))
                            .socketTimeout(settings.apiCallAttemptTimeout())
                            .build();
                }
            }
        }
        return http;
    }

    private AwsCredentialsProvider credentials() {
        if (credentials == null) {
            synchronized (this) {
                if (credentials == null) {
                    credentials = settings.profile() == null
                            ? DefaultCredentialsProvider.builder().build()
                            : ProfileCredentialsProvider.create(settings.profile());
                }
            }
        }
        return credentials;
    }

    @Override
    public void close() {
        for (AutoCloseable c : clients.values()) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
        if (http != null) {
            http.close();
        }
    }
}
