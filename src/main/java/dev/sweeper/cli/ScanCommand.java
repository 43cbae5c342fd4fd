package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.core.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Find every notebook, endpoint and Studio app; say which are idle and why.",
            "Read-only: it never changes anything."})
final class ScanCommand extends SweepCommand {
    @Option(names = "--kinds", split = ",", paramLabel = "KIND",
            description = "notebook, endpoint, app (default: all).")
    List<String> kinds;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "How far back to look for activity (default: 24h).")
    String window;

    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Studio apps InService for longer than this are IDLE, by an age rule.")
    String maxAge;

    @Option(names = "--prices", paramLabel = "FILE", description = "Your own price table (same format as config/prices.yaml).")
    Path prices;

    @Mixin
    FilterOptions filters;

    @Mixin
    NotifyOptions notify;

    @Option(names = "--fail-on-idle", description = "Exit 4 when unprotected idle resources are found.")
    boolean failOnIdle;

    ScanCommand(Environment environment) {
        super(environment);
    }

    @Override
    boolean failOnIdle() {
        return failOnIdle;
    }

    @Override
    Path pricesFile(dev.sweeper.config.SweeperConfig config) {
        return prices != null ? prices : config.prices();
    }

    @Override
    SweepRequest request(Inputs in) {
        Duration w = duration("--window", window);
        Duration age = duration("--max-age", maxAge);
        Policy policy = w == null ? in.basePolicy() : in.basePolicy().withWindow(w);
        policy = age == null ? policy : policy.withAppMaxAge(age);
        return new SweepRequest("scan", kinds(kinds), in.regions(), filters.toFilter(), policy,
                w != null ? w : policy.endpointWindow(), true, null, false, 0, topic(notify, in.config()), null);
    }
}
