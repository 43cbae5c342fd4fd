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
        description = {"List Studio apps with their age and idle-shutdown setting. AWS gives no reliable signal",
            "of use for apps, so they are UNKNOWN unless --max-age (an age rule) makes old ones IDLE;",
            "optionally notify and delete them (a dry run unless --apply)."})
final class AppsIdleCommand extends SweepCommand {
    @Option(names = "--max-age", paramLabel = "DURATION",
            description = "Apps InService for longer than this are IDLE, by an age rule (default: apps.max-age).")
    String maxAge;

    @Mixin
    FilterOptions filters;

    @Mixin
    NotifyOptions notify;

    @Option(names = "--delete", description = "Plan the deletion of every unprotected idle app.")
    boolean delete;

    @Mixin
    ActionOptions actions;

    @Option(names = "--fail-on-idle", description = "Exit 4 when unprotected idle apps are found.")
    boolean failOnIdle;

    AppsIdleCommand(Environment environment) {
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
        Duration age = duration("--max-age", maxAge);
        Policy policy = age == null ? in.basePolicy() : in.basePolicy().withAppMaxAge(age);
        return new SweepRequest("apps idle", List.of(Kind.APP), in.regions(), filters.toFilter(), policy,
                policy.appMaxAge(), false, delete ? ActionPlan.DELETE_IDLE_APPS : null, actions.apply,
                maxActions(actions, in), topic(notify, in.config()), null);
    }
}
