package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest.ActionPlan;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Find endpoints that served no requests during the window; optionally notify and delete them.",
            "Real-time and asynchronous endpoints. --delete with no filter needs --all. A dry run unless --apply."})
final class EndpointsIdleCommand extends IdleCommand {
    @Option(names = "--window", paramLabel = "DURATION", description = "How far back to look (default: 24h).")
    String window;

    EndpointsIdleCommand(Environment environment) {
        super(environment, "endpoints idle", Kind.ENDPOINT, ActionPlan.DELETE_IDLE_ENDPOINTS);
    }

    @Override
    Policy policy(Policy base) {
        Duration w = duration("--window", window);
        return w == null ? base : base.withWindow(w);
    }
}
