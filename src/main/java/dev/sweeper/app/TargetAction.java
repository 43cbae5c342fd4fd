package dev.sweeper.app;

import dev.sweeper.core.Action;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.Protection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One change to one target, as the one dry-run guard ({@link ActionRunner}) drives it, whatever the target is: an
 * inspected resource's {@code Finding} (every job of {@link ActionPlan}, through its {@link ResourceAction}), or a
 * Studio domain's or user profile's settings ({@code app.job.IdleShutdownJob}). Besides the change's steps (plan, re-check
 * right before acting, act), it says what the guard needs to know of a target: which one it is, whether it is
 * protected (decided by the evaluator's rule before the guard sees it), the action on it, and how the audit log and
 * the progress of an interrupted run record it.
 *
 * @param <T> the target, which carries its protection and the action asked of it
 */
public interface TargetAction<T> {
    /** Which target: what keys the run's results. */
    Object key(T t);

    /** Whether it is protected; undecided blocks the action as protected does. */
    Protection protection(T t);

    /** The action on it so far; null when none. */
    Action action(T t);

    T withAction(T t, Action action);

    /** Appends the action's entry for this target to the audit log. */
    void record(AuditLog audit, T t, Action action);

    /** How an interrupted run's report names it and its action. */
    ActionProgress.Entry entry(T t, Action action);

    /** How the log names it: {@code notebook dev-alice}, {@code domain research}. */
    String label(T t);

    /** The word in the output and the audit log for this target's action. */
    String type(T t);

    /** Why this target is never acted on (already as asked, not in a state to change), or empty: skipped with it. */
    default Optional<String> notActionable(T t) {
        return Optional.empty();
    }

    /** What a dry run says would be done. */
    String plannedDetail(T t);

    /** Said before anything is done, for a planned target (a stop of something not IDLE); by default nothing. */
    default void beforeActing(T t, boolean apply) {
    }

    /** Bulk checks before acting, keyed by {@link #key}: a skip reason for each target that changed. */
    default Map<?, String> preflight(List<T> planned) {
        return Map.of();
    }

    /** Reads the target's state again; a reason to skip it if it changed since it was planned. */
    Optional<String> recheck(T t);

    /** Acts, and says what was done. */
    String perform(T t);

    /** Whether a wait settles this target's action once asked for: then only {@link #request} is made here. */
    default boolean waitedFor(T t) {
        return false;
    }

    /** Asks for the change a wait then follows; by default the whole action. */
    default String request(T t) {
        return perform(t);
    }
}
