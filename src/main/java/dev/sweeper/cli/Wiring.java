package dev.sweeper.cli;

import dev.sweeper.aws.AwsGateways;
import dev.sweeper.aws.AwsSettings;
import dev.sweeper.core.AccountGateways;
import dev.sweeper.core.RateLimits;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * What commands get from outside their arguments, built in one place ({@link SweeperCli}'s factory
 * hands it to each command): the environment and its clock, the way to open the AWS gateways, and
 * the pool for concurrent calls. A test gives plain fakes instead.
 *
 * @param gateways opens the caller's gateways for a run
 * @param pools    a bounded pool of that many threads; the command shuts it down
 */
record Wiring(Environment environment, GatewaysFactory gateways, IntFunction<ExecutorService> pools) {

    /** Opens the caller's gateways; missing credentials are a {@link UsageException}, nothing called. */
    @FunctionalInterface
    interface GatewaysFactory {
        AccountGateways open(AwsSettings settings, ExecutorService pool, RateLimits limits, int inFlight);
    }

    /** The real thing: SDK clients, daemon threads. */
    static Wiring of(Environment environment) {
        return new Wiring(environment, (settings, pool, limits, inFlight) -> awsGateways(environment, settings, pool,
                limits, inFlight),
                Wiring::daemonPool);
    }

    /**
     * Missing credentials are a setup error (exit 2, nothing called), said in one line with where
     * they were looked for and how to fix it, not a failure of every listing cut at 200 characters.
     */
    private static AccountGateways awsGateways(Environment environment, AwsSettings settings, ExecutorService pool,
                                               RateLimits limits, int inFlight) {
        AwsGateways gateways = new AwsGateways(settings, pool).pacing(limits).inFlight(inFlight);
        Optional<String> problem = gateways.credentialsProblem();
        if (problem.isEmpty()) {
            return gateways;
        }
        gateways.close();
        String profile = settings.profile() != null ? settings.profile() : environment.env().get("AWS_PROFILE");
        String source = settings.profile() != null ? "--profile" : "AWS_PROFILE";
        if (profile != null && !profile.isBlank()) {
            throw new UsageException("no AWS credentials for profile '" + profile + "' (from " + source
                    + "): it has no keys, SSO session or role in ~/.aws/config or ~/.aws/credentials; run "
                    + "`aws configure --profile " + profile + "` or `aws sso login --profile " + profile + "`");
        }
        throw new UsageException("no AWS credentials: looked in AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                + "the default profile of ~/.aws/credentials and ~/.aws/config, and the container and instance "
                + "roles; run `aws configure`, or give --profile or AWS_PROFILE");
    }

    private static ExecutorService daemonPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "sweeper-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }
}
