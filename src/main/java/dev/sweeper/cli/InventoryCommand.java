package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.core.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import dev.sweeper.core.Kind;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The read-only commands over every kind (scan, report): which kinds, how far back to look, the
 * Studio apps' age rule, whose prices, which resources.
 */
abstract class InventoryCommand extends SweepCommand {
    @Option(names = "--kinds", split = ",", paramLabel = "KIND", converter = Converters.Kinds.class,
            completionCandidates = Converters.Kinds.class, description = "${COMPLETION-CANDIDATES} (default: all).")
    Set<Kind> kinds;

    @Mixin
    SharedOptions.Window window;

    @Mixin
    SharedOptions.MaxAge maxAge;

    @Option(names = "--prices", paramLabel = "FILE", description = "Your own price table (same format as config/prices.yaml).")
    Path prices;

    @Mixin
    FilterOptions filters;

    InventoryCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    Settings.Flags flags() {
        return super.flags().withPrices(prices);
    }

    /** A read-only request over the chosen kinds; every endpoint is described, for its cost. */
    final SweepRequest inventory(String command, Inputs in, String topicArn) {
        Duration age = maxAge.maxAge;
        Policy policy = window.over(in.basePolicy());
        policy = age == null ? policy : policy.withMaxAge(Kind.APP, age);
        // Every kind by default: the rest of the SageMaker bill too. A kind the account does not use
        // costs its one listing per region.
        List<Kind> chosen = kinds == null || kinds.isEmpty() ? List.of(Kind.values()) : List.copyOf(kinds);
        return new SweepRequest(command, chosen, in.regions(), filters.toFilter(), policy,
                policy.window(Kind.ENDPOINT), true, null, false, 0, topicArn, null);
    }
}
