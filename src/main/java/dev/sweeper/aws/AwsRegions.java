package dev.sweeper.aws;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/** The region to use when none is given: AWS_REGION, AWS_DEFAULT_REGION, then the profile, as the AWS CLI does. */
public final class AwsRegions {
    private AwsRegions() {
    }

    public static Optional<String> defaultRegion(String profile, Map<String, String> env) {
        for (String var : new String[] {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.trim());
            }
        }
        String name = profile != null ? profile : env.getOrDefault("AWS_PROFILE", "default");
        try {
            return ProfileFile.defaultProfileFile().profile(name)
                    .flatMap(p -> p.property(ProfileProperty.REGION));
        } catch (SdkClientException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
