package dev.sweeper.cli;

import dev.sweeper.app.job.Jobs;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"Find endpoints that served no requests during the window; optionally notify and delete them.",
            "Real-time and asynchronous endpoints. The table lists the idle ones (--all: every one); --delete with no "
                + "filter needs --all. A dry run unless --apply."})
final class EndpointsIdleCommand extends IdleCommand {
    @Mixin
    SharedOptions.Window window;

    @Mixin
    SharedOptions.Mark mark;

    @Override
    dev.sweeper.app.SweepRequest.Marking marking() {
        return mark.marking();
    }

    EndpointsIdleCommand(Wiring wiring) {
        super(wiring, "endpoints idle", Kind.ENDPOINT, Jobs.DELETE_IDLE_ENDPOINTS);
    }

    @Override
    Policy policy(Policy base) {
        return window.over(base);
    }
}
