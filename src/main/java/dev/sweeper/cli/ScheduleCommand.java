package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.job.Jobs;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Schedule;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Stop and start notebooks tagged " + Schedule.TAG + "=NAME as the config's schedule NAME says.",
            "Outside the schedule's periods a running notebook is stopped (with outside: stop-if-idle only when "
                + "IDLE) and tagged sweeper:stopped-at, as stop-notebooks does; inside them a notebook the sweeper "
                + "stopped is started; one its owner stopped by hand stays stopped. Safe to run every few minutes: "
                + "a second run changes nothing. A tag naming no schedule of the config is an error (exit 2) before "
                + "anything is done. The filters narrow the scheduled notebooks further. A dry run unless --apply."})
final class ScheduleCommand extends ActingCommand {
    @Mixin
    FilterOptions filters;

    @Mixin
    SharedOptions.Window window;

    @Mixin
    SharedOptions.IncludeAl2 includeAl2;

    ScheduleCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    SweepRequest request(Inputs in) {
        // The schedule tag is the scope: only notebooks that carry one are touched, so no --all is needed.
        Policy policy = window.over(in.basePolicy());
        return new SweepRequest("schedule", List.of(Kind.NOTEBOOK), in.regions(),
                filters.toFilter().requiringTagKey(Schedule.TAG), policy, policy.window(Kind.NOTEBOOK), false,
                Jobs.RECONCILE_SCHEDULES, actions.apply, maxActions(in), null, wait.timeout(actions),
                in.settings().schedules(), null).withIncludeAl2(includeAl2.includeAl2);
    }
}
