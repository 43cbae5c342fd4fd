package dev.sweeper.core;

import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.StudioSettings.Idle;
import java.util.List;
import java.util.Map;

/**
 * What {@code apps idle-shutdown} changed in Studio domains' default settings or user profiles, or would change in a
 * dry run: one change per domain or user profile that matched, ready to render.
 *
 * @param refusal  non-null when the action cap refused the whole run
 * @param problems failures that are not about one domain or profile (a listing that failed, tags not read); any
 *                 makes the run partial
 */
public record IdleShutdownChanges(boolean dryRun, List<Change> changes, String refusal, List<String> problems) {
    public IdleShutdownChanges {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    /**
     * One domain or user profile, and what was (or would be) done to it.
     *
     * @param protection decided by the evaluator's rule (name patterns, the protect tag) when it was listed
     * @param action     null until the guard has seen it
     * @param before     the changed app types' settings as they were; {@code after} as they are asked to become (both
     *                   empty when nothing is to change)
     */
    public record Change(StudioSettings target, Protection protection, Action action, Map<String, Idle> before,
                         Map<String, Idle> after) {
        public Change {
            // In the app types' order, as they are said.
            before = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(before));
            after = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(after));
        }

        public Change withAction(Action newAction) {
            return new Change(target, protection, newAction, before, after);
        }
    }

    public long count(Outcome o) {
        return changes.stream().filter(c -> c.action() != null && c.action().outcome() == o).count();
    }

    /** A change failed, or something else went wrong. */
    public boolean isPartial() {
        return count(Outcome.FAILED) > 0 || !problems.isEmpty();
    }
}
