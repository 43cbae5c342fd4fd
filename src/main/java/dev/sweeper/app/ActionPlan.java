package dev.sweeper.app;

import dev.sweeper.core.AuditLog;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change a command asks for, as one job: which resources it may act on, which findings it
 * selects, and the action that carries it out. The engine ({@link Sweeper}) knows no job by name:
 * the jobs live in {@code app.job} (named {@code *Job}, given to the commands by {@code Jobs}), and adding
 * one adds a class there.
 */
public interface ActionPlan {
    /** The word in the output and the audit log: {@code delete}, {@code stop}, {@code start}. */
    String verb();

    /**
     * Which resources could be acted on whatever their verdict, known before evaluation: their tags
     * are read for protection. None, for jobs that act on {@code IDLE} resources only (whose tags
     * are read anyway); with {@code --include-active} every resource's tags are read.
     */
    default boolean mayActOn(Resource r) {
        return false;
    }

    /** Whether this job acts on the finding, its verdict aside (see {@link #removes()}). */
    boolean selects(Finding f);

    /**
     * Whether this job stops or deletes what it selects: then the one rule for acting applies to it
     * ({@link #withinReach}). A schedule's stops follow its config ({@code outside: stop}) instead, and
     * a start or a tag takes nothing away.
     */
    default boolean removes() {
        return false;
    }

    /**
     * The one rule for acting, the same for every command that stops or deletes: IDLE resources only,
     * unless the user names the wider set ({@code --include-active}: ACTIVE, TOO_YOUNG and UNKNOWN too).
     * EXEMPT ones (stopped, serverless) have nothing to stop. Protection is decided after this, and
     * always wins.
     */
    static boolean withinReach(Finding f, boolean includeActive) {
        return switch (f.verdict()) {
            case IDLE -> true;
            case ACTIVE, TOO_YOUNG, UNKNOWN -> includeActive;
            case EXEMPT -> false;
        };
    }

    /** What this job acts on in a run: what it selects, within the rule for acting when it stops or deletes. */
    default boolean selects(Finding f, boolean includeActive) {
        return selects(f) && (!removes() || withinReach(f, includeActive));
    }

    /** The action, for one account and region. */
    ResourceAction action(Deps deps);

    /**
     * This job for one run, once the inspection has read the resources and their tags: a job whose
     * choice depends on them (a schedule's) decides here. Most jobs are the same for every run.
     */
    default ActionPlan forRun(List<Finding> findings, Map<String, Map<String, String>> tagsByArn, SweepRequest req,
                              Instant now) {
        return this;
    }

    /**
     * The status a resource should reach after this job acted on it (with {@code --wait}, it is waited
     * for); null when its action is not waited for (a delete, a tag).
     */
    default String waitTarget(Finding f) {
        return null;
    }

    /**
     * What the job does once its actions are done (and waited for, with {@code --wait}): the findings
     * with their final actions. Most jobs do nothing more.
     */
    default List<Finding> afterActions(List<Finding> findings, SweepRequest req, FollowUp followUp) {
        return findings;
    }

    /** What a job's follow-up may use: the run's context and audit log, whether its actions were waited for, and where to report problems. */
    record FollowUp(SweepContext ctx, AuditLog audit, boolean waited, List<String> problems) {
    }

    /** A notebook's end state after a stop or a start; null for any other action. */
    static String notebookWaitTarget(Finding f) {
        return switch (f.action().type()) {
            case "stop" -> "Stopped";
            case "start" -> "InService";
            default -> null;
        };
    }

    /**
     * What an action needs, for the account and region of the resources it acts on.
     *
     * @param evaluatedAt when the resources were evaluated (the re-check reads from there up to now)
     */
    record Deps(Gateways gateways, String region, Policy policy, Instant evaluatedAt, SweepContext ctx) {
    }
}
