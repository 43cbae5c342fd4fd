package dev.sweeper.report;

import dev.sweeper.core.Action;
import dev.sweeper.core.Finding;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;
import java.util.List;

/**
 * Planned stops and deletes of resources that are not {@code IDLE}: in use ({@code ACTIVE}), too young to
 * tell ({@code TOO_YOUNG}) or that nobody can tell ({@code UNKNOWN}), taken in by {@code --include-active} or a
 * schedule's {@code outside: stop}: the dry run counts them, so that a stop-everything never hides what it
 * would interrupt.
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

    /** How many of the planned stops and deletes are of ACTIVE, TOO_YOUNG or UNKNOWN resources. */
    static int plannedInUse(SweepResult result) {
        return (int) plannedRemovals(result).stream()
                .filter(f -> f.verdict() == Verdict.ACTIVE || f.verdict() == Verdict.TOO_YOUNG
                        || f.verdict() == Verdict.UNKNOWN).count();
    }

    /** {@code 2 of 6 planned stops are not IDLE (in use, too young or unknown)}, or null when none is. */
    static String sentence(SweepResult result) {
        List<Finding> removals = plannedRemovals(result);
        int inUse = plannedInUse(result);
        if (inUse == 0) {
            return null;
        }
        String type = removals.get(0).action().type();
        return inUse + " of " + removals.size() + " planned " + type + "s " + (inUse == 1 ? "is" : "are")
                + " not IDLE (in use, too young or unknown)";
    }
}
