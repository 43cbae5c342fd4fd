package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.SweepRequest.ActionPlan;
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
final class StopNotebooksCommand extends SweepCommand {
    @Mixin
    FilterOptions filters;

    @Option(names = "--idle-only", description = "Only notebooks whose verdict is IDLE over the window.")
    boolean idleOnly;

    @Option(names = "--all", description = "Allow a run with no filter (no --name-contains, --name-regex, --tag or "
            + "--idle-only): every InService notebook in the region. Without a filter and without --all, exit 2.")
    boolean all;

    @Option(names = "--window", paramLabel = "DURATION", description = "Window for --idle-only (default: 24h).")
    String window;

    @Mixin
    ActionOptions actions;

    @Mixin
    WaitOptions wait;

    StopNotebooksCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    ActionOptions actions() {
        return actions;
    }

    @Override
    void requireScope(Inputs in) {
        requireFilterOrAll("stop-notebooks with no filter would stop every InService notebook", in.regions(), filters,
                idleOnly, List.of("--idle-only"), all);
    }

    @Override
    SweepRequest request(Inputs in) {
        Duration w = duration("--window", window);
        if (w != null && !idleOnly) {
            throw new UsageException("--window only applies with --idle-only");
        }
        Policy policy = w == null ? in.basePolicy() : in.basePolicy().withWindow(w);
        return new SweepRequest("stop-notebooks", List.of(Kind.NOTEBOOK), in.regions(), filters.toFilter(), policy,
                policy.notebookWindow(), false, idleOnly ? ActionPlan.STOP_IDLE_NOTEBOOKS : ActionPlan.STOP_NOTEBOOKS,
                actions.apply, maxActions(in), null, wait.timeout(actions));
    }
}
