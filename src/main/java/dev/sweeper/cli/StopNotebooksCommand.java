package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.ActionPlan;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stop-notebooks", mixinStandardHelpOptions = true,
        description = {"Stop running notebook instances (all that match, or only idle ones).",
            "Without --idle-only every InService notebook that matches the filters is stopped (the nightly "
                + "schedule); with it, only those whose verdict is IDLE. With no filter at all it needs --all. "
                + "A dry run unless --apply."})
final class StopNotebooksCommand extends ActingCommand {
    @Mixin
    SharedOptions.IdleOnly idleOnly;

    @Option(names = "--all", description = "Allow a run with no filter (no --name-contains, --name-regex, --tag or "
            + "--idle-only): every InService notebook in the region. Without a filter and without --all, exit 2.")
    boolean all;

    @Mixin
    SharedOptions.Window window;

    @Option(names = "--attach-autostop", description = "Right after each stop, attach the sweeper's idle checker "
            + "(as autostop-notebooks does; AWS changes a lifecycle configuration only while Stopped). Needs --wait with --apply.")
    boolean attachAutostop;

    @Mixin
    AutostopNotebooksCommand.AutostopOptions autostop;

    @Mixin
    SharedOptions.Mark mark;

    @Mixin
    SharedOptions.IncludeAl2 includeAl2;

    StopNotebooksCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    void requireScope(Inputs in) {
        requireFilterOrAll("stop-notebooks with no filter would stop every InService notebook", in.regions(), filters,
                idleOnly.idleOnly, List.of("--idle-only"), all);
    }

    @Override
    SweepRequest request(Inputs in) {
        Duration w = window.window;
        if (w != null && !idleOnly.idleOnly) {
            throw new UsageException("--window only applies with --idle-only");
        }
        SweepRequest.Marking marking = mark.marking();
        if (marking != null && !idleOnly.idleOnly) {
            throw new UsageException((mark.mark ? "--mark" : "--grace") + " only applies with --idle-only");
        }
        if (!attachAutostop && (autostop.idleTime != null || autostop.ignoreConnections)) {
            throw new UsageException("--idle-time and --ignore-connections only apply with --attach-autostop");
        }
        if (attachAutostop && actions.apply && !wait.wait) {
            throw new UsageException("--attach-autostop needs --wait: the idle checker can be attached only once the "
                    + "notebook is Stopped");
        }
        Policy policy = w == null ? in.basePolicy() : in.basePolicy().withWindow(w);
        return new SweepRequest("stop-notebooks", List.of(Kind.NOTEBOOK), in.regions(), filters.toFilter(), policy,
                policy.notebookWindow(), false, idleOnly.idleOnly ? ActionPlan.STOP_IDLE_NOTEBOOKS : ActionPlan.STOP_NOTEBOOKS,
                actions.apply, maxActions(in), null, wait.timeout(actions), java.util.Map.of(), marking)
                .withAutostop(attachAutostop ? autostop.autostop(in.settings()) : null)
                .withIncludeAl2(includeAl2.includeAl2);
    }
}
