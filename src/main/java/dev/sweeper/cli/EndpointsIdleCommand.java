package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.config.SweeperConfig;
import java.nio.file.Path;
import dev.sweeper.app.SweepRequest.ActionPlan;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Find real-time and asynchronous endpoints that served no requests during the window;",
            "optionally notify an SNS topic and delete them (a dry run unless --apply)."})
final class EndpointsIdleCommand extends SweepCommand {
    @Option(names = "--window", paramLabel = "DURATION", description = "How far back to look (default: 24h).")
    String window;

    @Mixin
    FilterOptions filters;

    @Mixin
    NotifyOptions notify;

    @Option(names = "--delete", description = "Plan the deletion of every unprotected idle endpoint.")
    boolean delete;

    @Mixin
    ActionOptions actions;

    @Option(names = "--fail-on-idle", description = "Exit 4 when unprotected idle endpoints are found.")
    boolean failOnIdle;

    EndpointsIdleCommand(Environment environment) {
        super(environment);
    }

    @Override
    boolean failOnIdle() {
        return failOnIdle;
    }

    @Override
    Path auditLogFile(SweeperConfig config) {
        return auditLogFile(actions, config, environment);
    }

    @Override
    SweepRequest request(Inputs in) {
        if (actions.apply && !delete) {
            throw new UsageException("--apply needs an action: add --delete");
        }
        Duration w = duration("--window", window);
        Policy policy = w == null ? in.basePolicy() : in.basePolicy().withWindow(w);
        return new SweepRequest("endpoints idle", List.of(Kind.ENDPOINT), in.regions(), filters.toFilter(), policy,
                policy.endpointWindow(), false, delete ? ActionPlan.DELETE_IDLE_ENDPOINTS : null, actions.apply,
                maxActions(actions, in), topic(notify, in.config()), null);
    }
}
