package dev.sweeper.aws;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach AWS: profile, endpoint override and timeouts. Region and credentials come from the
 * standard AWS chain unless given.
 *
 * @param profile     null for the default chain
 * @param endpointUrl null for the real AWS endpoints
 */
public record AwsSettings(String profile, URI endpointUrl, Duration apiCallTimeout, Duration apiCallAttemptTimeout) {
    /** How long one call may take, retries included, unless the user says otherwise. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);
    /** One attempt never waits longer than this, so that a hung request is retried. */
    static final Duration MAX_ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

    /** Settings whose per-attempt timeout is derived from the call timeout. */
    public static AwsSettings of(String profile, URI endpointUrl, Duration callTimeout) {
        Duration attempt = callTimeout.compareTo(MAX_ATTEMPT_TIMEOUT) < 0 ? callTimeout : MAX_ATTEMPT_TIMEOUT;
        return new AwsSettings(profile, endpointUrl, callTimeout, attempt);
    }
}
