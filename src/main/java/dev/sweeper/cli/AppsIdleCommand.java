package dev.sweeper.cli;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "idle", mixinStandardHelpOptions = true,
        description = {"List Studio apps with their age and idle-shutdown setting; optionally notify and delete idle ones.",
            "AWS gives no reliable signal of use for Studio apps, so they are UNKNOWN unless --max-age (an age rule) "
                + "makes old ones IDLE; Canvas apps are judged by Canvas's TimeSinceLastActive metric. "
                + "--delete with no filter needs --all. A dry run unless --apply."})
final class AppsIdleCommand extends IdleCommand {
    @Mixin
    SharedOptions.MaxAge maxAge;

    @Mixin
    SharedOptions.Mark mark;

    @Override
    dev.sweeper.app.SweepRequest.Marking marking() {
        return mark.marking();
    }

    AppsIdleCommand(Wiring wiring) {
        super(wiring, "apps idle", Kind.APP, ActionPlan.DELETE_IDLE_APPS);
    }

    @Override
    Policy policy(Policy base) {
        return maxAge.maxAge == null ? base : base.withAppMaxAge(maxAge.maxAge);
    }
}
