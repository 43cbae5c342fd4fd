package dev.sweeper.aws;

import dev.sweeper.core.Gateways;
import dev.sweeper.core.JupyterProbe;
import dev.sweeper.core.MetricsGateway;
import dev.sweeper.core.NotebookLogs;
import dev.sweeper.core.Notifier;
import dev.sweeper.core.RateLimits;
import dev.sweeper.core.SageMakerGateway;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one place SDK clients are built: lazily, one per service and region, sharing one HTTP
 * client and one credentials provider, all with the same endpoint override, retry mode and
 * timeouts.
 */
public final class AwsGateways implements dev.sweeper.core.AccountGateways {
    /** Attempts per call, retries included. */
    static final int MAX_ATTEMPTS = 10;
    /** Backoff of a throttled retry when calls are paced (full jitter). */
    static final BackoffStrategy THROTTLING_BACKOFF =
            BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(1));

    private final AwsSettings settings;
    private final ExecutorService pool;
    private final Map<String, AutoCloseable> clients = new ConcurrentHashMap<>();
    private final Map<String, Object> gateways = new ConcurrentHashMap<>();
    private volatile SdkHttpClient http;
    private volatile ScheduledThreadPoolExecutor timeouts;
    /** Gateways for an assumed role share the HTTP client and timeout scheduler of those that assumed them. */
    private volatile boolean ownsShared = true;
    private volatile AwsCredentialsProvider credentials;
    private java.net.http.HttpClient jupyterHttp;
    /** Client-side pacing per operation; shared with assumed-role gateways (AWS throttles per account, but one run should not exceed its own limits twice). */
    /** Set once GetResources is denied: the credentials read tags with ListTags from then on. */
    private final java.util.concurrent.atomic.AtomicBoolean tagsDenied = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Pacer pacer = new Pacer(RateLimits.DEFAULTS);
    /** The calls in flight at once: one bound for the run, shared with assumed-role gateways. Null: no bound. */
    private volatile InFlight inFlight;

    /** {@code pool} runs the independent calls (metric batches, describes) concurrently. */
    public AwsGateways(AwsSettings settings, ExecutorService pool) {
        this(settings, pool, null);
    }

    private AwsGateways(AwsSettings settings, ExecutorService pool, AwsCredentialsProvider credentials) {
        this.settings = settings;
        this.pool = pool;
        this.credentials = credentials;
    }

    /**
     * Gateways into another account, through a role assumed with these gateways' credentials.
     * The role is assumed at once, so that a refusal is known before anything else is called.
     *
     * @throws dev.sweeper.core.AwsCallException when the role cannot be assumed
     */
    public AwsGateways assumeRole(String roleArn, String externalId, String sessionName, String stsRegion) {
        StsClient sts = client("sts", stsRegion, StsClient.builder());
        StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName).externalId(externalId))
                .build();
        try {
            provider.resolveCredentials();
        } catch (SdkException e) {
            provider.close();
            throw Errors.translate("AssumeRole", e);
        }
        AwsGateways assumed = new AwsGateways(settings, pool, provider);
        assumed.http = http();
        assumed.timeouts = timeouts();
        assumed.ownsShared = false;
        assumed.pacer = new Pacer(pacer.limits()); // another account: its own allowances
        assumed.inFlight = inFlight;
        return assumed;
    }

    /** Paces calls at these rates (call before the first call: clients built already keep theirs). */
    public AwsGateways pacing(RateLimits limits) {
        this.pacer = new Pacer(limits);
        return this;
    }

    /**
     * At most {@code calls} AWS calls in flight at once (call before the first call), counted from
     * each call's rate slot to its answer ({@link InFlight}).
     */
    public AwsGateways inFlight(int calls) {
        this.inFlight = new InFlight(calls);
        return this;
    }

    /** The account the credentials belong to, from STS GetCallerIdentity. */
    public String callerAccount(String stsRegion) {
        try {
            return client("sts", stsRegion, StsClient.builder()).getCallerIdentity().account();
        } catch (SdkException e) {
            throw Errors.translate("GetCallerIdentity", e);
        }
    }

    @Override
    public SageMakerGateway sageMaker(String region) {
        return (SageMakerGateway) gateways.computeIfAbsent("sagemaker/" + region,
                k -> new SageMakerAdapter(client("sagemaker", region, SageMakerClient.builder()), region, pool,
                        new BulkTags(() -> client("tagging", region, ResourceGroupsTaggingApiClient.builder()), pool,
                                tagsDenied)));
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

    @Override
    public JupyterProbe jupyter(String region) {
        return (JupyterProbe) gateways.computeIfAbsent("jupyter/" + region,
                k -> new JupyterHttpProbe(client("sagemaker", region, SageMakerClient.builder()), jupyterHttp(),
                        JupyterHttpProbe.REQUEST_TIMEOUT, JupyterHttpProbe.PROBE_TIMEOUT, inFlight));
    }

    @Override
    public NotebookLogs notebookLogs(String region) {
        return (NotebookLogs) gateways.computeIfAbsent("logs/" + region,
                k -> new CloudWatchLogsAdapter(client("logs", region, CloudWatchLogsClient.builder())));
    }

    @Override
    public java.util.List<dev.sweeper.core.OrgAccount> organizationAccounts(String region, java.util.List<String> parents) {
        // Organizations is a global service: the SDK sends any region of the partition to its one endpoint.
        return new OrganizationsAdapter(client("organizations", region,
                software.amazon.awssdk.services.organizations.OrganizationsClient.builder())).accounts(parents);
    }

    @Override
    public java.util.Optional<dev.sweeper.core.AwsPriceList> priceList() {
        // The Price List Query API answers in a few regions only, us-east-1 among them; --endpoint-url (the sandbox)
        // serves it too.
        return java.util.Optional.of(new PricingAdapter(client("pricing", PricingAdapter.REGION,
                software.amazon.awssdk.services.pricing.PricingClient.builder())));
    }

    @Override
    public dev.sweeper.core.AuditStore cloudWatchLogsAudit(String region, String logGroup, String runId) {
        return new CloudWatchLogsAuditStore(client("logs", region, CloudWatchLogsClient.builder()), logGroup, runId);
    }

    /** One HTTP client for every notebook's Jupyter server (plain GETs, not AWS API calls). */
    private synchronized java.net.http.HttpClient jupyterHttp() {
        if (jupyterHttp == null) {
            jupyterHttp = JupyterHttpProbe.newHttpClient();
        }
        return jupyterHttp;
    }

    /**
     * Standard retries (adaptive slowed to about a call a second under steady throttling: README,
     * "Rate limits"), unless the user chose a mode the standard AWS way (AWS_RETRY_MODE, the
     * aws.retryMode property, or retry_mode in the profile), as the AWS CLI does. Every retry
     * waits at least for its operation's next slot (Pacer).
     */
    private RetryStrategy retryStrategy() {
        boolean chosen = System.getenv("AWS_RETRY_MODE") != null || System.getProperty("aws.retryMode") != null;
        RetryMode mode = chosen ? RetryMode.resolver().resolve() : RetryMode.STANDARD;
        Pacer p = pacer;
        // Other errors (5xx, resets) back off to at most 2 s, so ten attempts at a failing service
        // cost seconds, not most of a minute.
        RetryStrategy.Builder<?, ?> b = AwsRetryStrategy.forRetryMode(mode).toBuilder().maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(p.backoff(
                        BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(2)), false));
        if (p.paces()) {
            // Paced, a throttled retry needs no long backoff of its own: the operation's slower
            // pace spaces it out. Unpaced (--tps off), the SDK's own, longer, throttling backoff stays.
            b.throttlingBackoffStrategy(p.backoff(THROTTLING_BACKOFF, true));
            // The standard mode's retry quota stops retrying after a burst of throttles (33 tags
            // and configs of a 300-endpoint scan at 20 requests a second ended UNKNOWN): the
            // pacing bounds the retries' rate instead.
            if (b instanceof StandardRetryStrategy.Builder standard) {
                standard.circuitBreakerEnabled(false);
            }
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private <C extends AutoCloseable, B extends AwsClientBuilder<B, C>> C client(String service, String region,
                                                                               B builder) {
        return (C) clients.computeIfAbsent(service + "/" + region, k -> {
            ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder()
                    // More attempts than the default 3, so that a call unlucky enough to
                    // be throttled three times in a row still gets through; paced per
                    // operation, so a large sweep slows down instead of failing.
                    .retryStrategy(retryStrategy())
                    // The pace first: a call waiting for its slot is not yet in flight.
                    .addExecutionInterceptor(pacer);
            if (inFlight != null) {
                config.addExecutionInterceptor(inFlight);
            }
            if ("sagemaker".equals(service)) {
                SageMakerAdapter.interceptors().forEach(config::addExecutionInterceptor);
            }
            builder.region(Region.of(region))
                    .credentialsProvider(credentials())
                    .overrideConfiguration(config
                            .apiCallTimeout(settings.apiCallTimeout())
                            .apiCallAttemptTimeout(settings.apiCallAttemptTimeout())
                            .scheduledExecutorService(timeouts())
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
                    // Apache, not the JDK's HttpURLConnection: before reusing a kept-alive connection
                    // for a POST (every SageMaker, CloudWatch and SNS call is one), HttpURLConnection
                    // reads from it with a 1 ms timeout to see whether it is still open, which cost
                    // about 2 ms per call here; a 10,000-endpoint scan ran 6% faster without it.
                    // Connections: more than the most calls in flight (--max-concurrency up to 64,
                    // plus a listing per kind and region inspected at once).
                    http = ApacheHttpClient.builder()
                            .connectionTimeout(Duration.ofSeconds(5))
                            .socketTimeout(settings.apiCallAttemptTimeout())
                            .maxConnections(100)
                            .build();
                }
            }
        }
        return http;
    }

    /**
     * Runs the SDK's call and attempt timeouts. Each call schedules two and cancels them when it
     * returns; the SDK's own scheduler keeps a cancelled task queued until its delay is over (up to
     * the 60 s call timeout), and each one holds its finished request and connection: 34,000 of them
     * were live at once in a 10,000-endpoint scan. Removing them on cancel frees that at once.
     */
    private ScheduledThreadPoolExecutor timeouts() {
        if (timeouts == null) {
            synchronized (this) {
                if (timeouts == null) {
                    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(2, r -> {
                        Thread t = new Thread(r, "sweeper-timeouts");
                        t.setDaemon(true);
                        return t;
                    });
                    scheduler.setRemoveOnCancelPolicy(true);
                    timeouts = scheduler;
                }
            }
        }
        return timeouts;
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

    /**
     * Resolves the credentials now, before any call, so that missing ones are a usage error and not
     * a failure of every listing; empty when they resolve, else the SDK's reason.
     */
    public java.util.Optional<String> credentialsProblem() {
        try {
            credentials().resolveCredentials();
            return java.util.Optional.empty();
        } catch (SdkException | IllegalStateException e) {
            return java.util.Optional.of(String.valueOf(e.getMessage()));
        }
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
        if (http != null && ownsShared) {
            http.close();
        }
        if (timeouts != null && ownsShared) {
            timeouts.shutdownNow();
        }
        if (credentials instanceof StsAssumeRoleCredentialsProvider c) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // best effort
            }
        }
    }
}
