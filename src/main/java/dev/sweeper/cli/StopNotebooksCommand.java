package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.job.Jobs;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "stop-notebooks", mixinStandardHelpOptions = true,
        description = {"Stop running notebook instances: the IDLE ones, or with --include-active every one that matches.",
            "Protected ones never. Needs a name or tag filter, or --all. A dry run unless --apply."})
final class StopNotebooksCommand extends ActingCommand {
    @Mixin
    FilterOrAllOptions filters;

    @Mixin
    SharedOptions.IdleOnly idleOnly;

    @Mixin
    SharedOptions.IncludeActive includeActive;


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
    NotifyOptions notify;

    @Mixin
    SharedOptions.IncludeAl2 includeAl2;

    StopNotebooksCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    Settings.Flags flags() {
        return super.flags().withTopicArn(notify.topicArn);
    }

    @Override
    void requireScope(Inputs in) {
        filters.requireFilterOrAll("stop-notebooks with no filter would stop every " + (includeActive.includeActive
                ? "InService" : "IDLE") + " notebook", in.regions(), false, List.of());
    }

    @Override
    SweepRequest request(Inputs in) {
        includeActive.check(idleOnly.idleOnly);
        SweepRequest.Marking marking = mark.marking();
        if (marking != null && includeActive.includeActive) {
            throw new UsageException((mark.mark ? "--mark" : "--grace") + " marks IDLE ones and acts on their marks: "
                    + "it does not combine with --include-active");
        }
        if (!attachAutostop && (autostop.idleTime != null || autostop.ignoreConnections)) {
            throw new UsageException("--idle-time and --ignore-connections only apply with --attach-autostop");
        }
        if (attachAutostop && actions.apply && !wait.wait) {
            throw new UsageException("--attach-autostop needs --wait: the idle checker can be attached only once the "
                    + "notebook is Stopped");
        }
        Policy policy = window.over(in.basePolicy());
        return new SweepRequest("stop-notebooks", List.of(Kind.NOTEBOOK), in.regions(), filters.toFilter(), policy,
                policy.window(Kind.NOTEBOOK), false, Jobs.STOP_NOTEBOOKS,
                actions.apply, maxActions(in), topic(notify, in.settings()), wait.timeout(actions), java.util.Map.of(),
                marking)
                .withAutostop(attachAutostop ? autostop.autostop(in.settings()) : null)
                .withIncludeActive(includeActive.includeActive)
                .withIncludeAl2(includeAl2.includeAl2);
    }
}
