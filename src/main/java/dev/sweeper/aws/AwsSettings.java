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
    public static AwsSettings defaults() {
        return new AwsSettings(null, null, Duration.ofSeconds(60), Duration.ofSeconds(15));
    }
}
