package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.ActionPlan;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.report.OutputFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code endpoints idle} and {@code apps idle} share: find the idle ones of a kind, notify,
 * delete them behind the dry-run guard, fail CI if any is left. Subclasses give the policy.
 */
abstract class IdleCommand extends SweepCommand {
    @Mixin
    FilterOrAllOptions filters;

    @Mixin
    NotifyOptions notify;

    @Option(names = "--delete", description = "Plan the deletion of every unprotected idle one.")
    boolean delete;

    @Mixin
    SharedOptions.IncludeActive includeActive;

    @Mixin
    ActionOptions actions;

    @Mixin
    SharedOptions.FailOnIdle failOnIdle;

    @Mixin
    SharedOptions.Format outputFormat;


    private final String command;
    final Kind kind;
    private final ActionPlan deletion;

    IdleCommand(Wiring wiring, String command, Kind kind, ActionPlan deletion) {
        super(wiring);
        this.command = command;
        this.kind = kind;
        this.deletion = deletion;
    }

    /** Mark now, act later; null where the command does not take --mark or it is not given. */
    SweepRequest.Marking marking() {
        return null;
    }

    /** The policy with this command's own flags applied. */
    abstract Policy policy(Policy base);

    /** Which resources the command looks at: the name and tag filters, and a subclass's own. */
    dev.sweeper.core.ResourceFilter filter() {
        return filters.toFilter();
    }

    /** A subclass's own filters, given: they narrow as a name or tag filter does (apps idle's --user, --space). */
    boolean ownFilterGiven() {
        return false;
    }

    /** The names of a subclass's own filters, offered where a filter is missing. */
    List<String> ownFilters() {
        return List.of();
    }

    /** The table lists the idle ones and any acted on; --all lists every one. */
    @Override
    java.util.function.Predicate<dev.sweeper.core.Finding> shown() {
        return filters.all ? null : f -> f.verdict() == dev.sweeper.core.Verdict.IDLE || f.action() != null;
    }

    @Override
    String hiddenHint() {
        return "not idle; --all lists them";
    }

    @Override
    boolean failOnIdle() {
        return failOnIdle.failOnIdle;
    }

    @Override
    OutputFormat format() {
        return outputFormat.orDefault(environment);
    }

    @Override
    ActionOptions actions() {
        return actions;
    }

    @Override
    Settings.Flags flags() {
        return super.flags().withTopicArn(notify.topicArn);
    }

    /**
     * Only --delete is destructive. Its own choice of IDLE ones does not count as a filter: SPEC.md
     * names the filters (name, tag or --idle-only), and --idle-only is one the user types; an
     * unfiltered --delete reaches every idle endpoint or app of the account, a production one
     * that is idle over a weekend included.
     */
    @Override
    void requireScope(Inputs in) {
        if (delete) {
            filters.requireFilterOrAll(command + " --delete with no filter would delete every "
                    + (includeActive.includeActive ? "" : "idle ") + kind.id(), in.regions(), ownFilterGiven(), ownFilters());
        }
    }

    @Override
    SweepRequest request(Inputs in) {
        SweepRequest.Marking marking = marking();
        if (actions.apply && !delete && (marking == null || !marking.mark())) {
            throw new UsageException("--apply needs an action: add --delete" + (marking == null ? "" : " or --mark"));
        }
        if (marking != null && !marking.mark() && !delete) {
            throw new UsageException("--grace applies with --mark or --delete");
        }
        if (includeActive.includeActive && !delete) {
            throw new UsageException("--include-active applies with --delete");
        }
        if (includeActive.includeActive && marking != null) {
            throw new UsageException("--include-active does not combine with --mark or --grace, which act on IDLE ones");
        }
        Policy policy = policy(in.basePolicy());
        Duration window = kind.definition().reportedWindow(kind, policy);
        return new SweepRequest(command, List.of(kind), in.regions(), filter(), policy, window, false,
                delete ? deletion : null, actions.apply, maxActions(in), topic(notify, in.settings()), null, Map.of(),
                marking).withIncludeActive(includeActive.includeActive);
    }
}
