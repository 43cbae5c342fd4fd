package dev.sweeper.report;

import dev.sweeper.core.Action;
import dev.sweeper.core.Finding;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import java.util.List;

/**
 * Planned stops and deletes of resources that evidence shows in use ({@code ACTIVE}) or that
 * nobody can tell ({@code UNKNOWN}): the dry run counts them, so that a schedule's stop-everything
 * never hides what it would interrupt.
 */
final class InUse {
    private InUse() {
    }

    /** The planned stops and deletes. */
    static List<Finding> plannedRemovals(SweepResult result) {
        return result.findings().stream().filter(f -> f.action() != null
                && f.action().outcome() == Action.Outcome.PLANNED
                && ("stop".equals(f.action().type()) || "delete".equals(f.action().type()))).toList();
    }

    /** How many of the planned stops and deletes are of ACTIVE or UNKNOWN resources. */
    static int plannedInUse(SweepResult result) {
        return (int) plannedRemovals(result).stream()
                .filter(f -> f.verdict() == Verdict.ACTIVE || f.verdict() == Verdict.UNKNOWN).count();
    }

    /** {@code 2 of 6 planned stops are in use or unknown; --idle-only keeps them}, or null when none is. */
    static String sentence(SweepResult result) {
        List<Finding> removals = plannedRemovals(result);
        int inUse = plannedInUse(result);
        if (inUse == 0) {
            return null;
        }
        String type = removals.get(0).action().type();
        String text = inUse + " of " + removals.size() + " planned " + type + "s "
                + (inUse == 1 ? "is" : "are") + " in use or unknown";
        return "stop".equals(type) ? text + "; --idle-only keeps " + (inUse == 1 ? "it" : "them") : text;
    }
}
