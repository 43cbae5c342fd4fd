package dev.sweeper.config;

import java.nio.file.Path;
import java.time.Duration;
import dev.sweeper.core.RateLimits;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings a config file holds; flags override them. Null means "not set here": the
 * command's default applies.
 */
public record SweeperConfig(
        Path source,
        List<String> regions,
        Integer maxActions,
        Integer maxConcurrency,
        Path auditLog,
        Path prices,
        String topicArn,
        String protectTagKey,
        String protectTagValue,
        List<Pattern> protectedNamePatterns,
        Duration endpointWindow,
        Duration notebookWindow,
        Double notebookCpuThresholdPercent,
        Duration appMaxAge,
        Map<RateLimits.Family, Double> rateLimits) {

    public SweeperConfig {
        regions = regions == null ? List.of() : List.copyOf(regions);
        protectedNamePatterns = protectedNamePatterns == null ? List.of() : List.copyOf(protectedNamePatterns);
        rateLimits = rateLimits == null ? Map.of() : Map.copyOf(rateLimits);
    }

    public static SweeperConfig empty() {
        return new SweeperConfig(null, List.of(), null, null, null, null, null, null, null, List.of(), null, null,
                null, null, Map.of());
    }
}
