package dev.sweeper.aws;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The region to use when none is given: AWS_REGION, AWS_DEFAULT_REGION, then the profile, as the AWS CLI does. */
public final class AwsRegions {
    private AwsRegions() {
    }

    /** Whether the SDK's region metadata knows this region (AWS adds regions, so unknown is not refused). */
    public static boolean isKnown(String region) {
        return Region.regions().stream().anyMatch(r -> r.id().equals(region));
    }

    /**
     * Every region of the partition (aws, aws-cn, aws-us-gov, …) where SageMaker is offered, from
     * the SDK's own endpoint metadata (no call made). Credentials only work within one partition.
     */
    public static List<String> sageMakerRegions(String partition) {
        return SageMakerClient.serviceMetadata().regions().stream()
                .filter(r -> !r.id().contains("fips") && !r.id().startsWith("aws-global"))
                .filter(r -> r.metadata() != null && partition.equals(r.metadata().partition().id()))
                .map(Region::id).sorted().toList();
    }

    /** The partition a region belongs to; {@code aws} when the SDK does not know the region. */
    public static String partitionOf(String region) {
        var metadata = Region.of(region).metadata();
        return metadata == null ? "aws" : metadata.partition().id();
    }

    /** The profiles the AWS config and credentials files define, sorted; none when they cannot be read. */
    public static List<String> profileNames() {
        try {
            return ProfileFile.defaultProfileFile().profiles().keySet().stream().sorted().toList();
        } catch (SdkClientException | IllegalStateException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Whether the AWS config or credentials file defines this profile. */
    public static boolean profileExists(String profile) {
        try {
            return ProfileFile.defaultProfileFile().profile(profile).isPresent();
        } catch (SdkClientException | IllegalStateException e) {
            return false;
        }
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
