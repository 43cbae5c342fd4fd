package dev.sweeper.cli;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Find endpoints that served no requests during the window; optionally notify and delete them.",
            "Real-time and asynchronous endpoints. --delete with no filter needs --all. A dry run unless --apply."})
final class EndpointsIdleCommand extends IdleCommand {
    @Mixin
    SharedOptions.Window window;

    EndpointsIdleCommand(Wiring wiring) {
        super(wiring, "endpoints idle", Kind.ENDPOINT, ActionPlan.DELETE_IDLE_ENDPOINTS);
    }

    /** The table lists the idle endpoints and any acted on; --all lists every one. */
    @Override
    java.util.function.Predicate<dev.sweeper.core.Finding> shown() {
        return all ? null : f -> f.verdict() == dev.sweeper.core.Verdict.IDLE || f.action() != null;
    }

    @Override
    String hiddenHint() {
        return "not idle; --all lists them";
    }

    @Override
    Policy policy(Policy base) {
        return window.window == null ? base : base.withWindow(window.window);
    }
}
