package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.job.Jobs;
import dev.sweeper.core.Kind;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.SweeperTags;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start-notebooks", mixinStandardHelpOptions = true,
        description = {"Start stopped notebook instances (the morning schedule).",
            "Every Stopped notebook that matches the filters, or with --only-swept only those the "
                + "sweeper stopped. With no filter at all it needs --all. A dry run unless --apply."})
final class StartNotebooksCommand extends ActingCommand {
    @Mixin
    FilterOrAllOptions filters;

    /** Left by stop-notebooks --apply on every notebook it stops. */

    @Option(names = "--only-swept",
            description = "Only notebooks the sweeper stopped (tagged " + SweeperTags.STOPPED_AT + "), never ones their owner stopped.")
    boolean onlySwept;


    /** Hidden here (see SweeperCli): taken only to say that it belongs to stop-notebooks. */
    @Mixin
    SharedOptions.IdleOnly idleOnly;

    StartNotebooksCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    void requireScope(Inputs in) {
        // --only-swept is a tag filter (the sweeper's own stopped-at tag): it narrows as --tag does.
        filters.requireFilterOrAll("start-notebooks with no filter would start every Stopped notebook", in.regions(),
                onlySwept, List.of("--only-swept"));
    }

    @Override
    SweepRequest request(Inputs in) {
        if (idleOnly.idleOnly) {
            throw new UsageException("--idle-only applies to stop-notebooks, not start-notebooks");
        }
        ResourceFilter filter = filters.toFilter();
        if (onlySwept) {
            filter = filter.requiringTagKey(SweeperTags.STOPPED_AT);
        }
        return new SweepRequest("start-notebooks", List.of(Kind.NOTEBOOK), in.regions(), filter, in.basePolicy(),
                null, false, Jobs.START_NOTEBOOKS,
                actions.apply, maxActions(in), null, wait.timeout(actions));
    }
}
