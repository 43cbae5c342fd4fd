package dev.sweeper.app;

import dev.sweeper.app.action.AutostopInstallAction;
import dev.sweeper.core.Action;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Log;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ResourceKey;
import dev.sweeper.core.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one dry-run guard: plans an action for every selected, unprotected resource, refuses the
 * whole run past the cap, and otherwise (with apply) re-checks and acts on each in turn.
 */
final class ActionRunner {
    private final Log log;
    private final AuditLog audit;
    private final java.util.function.Function<Finding, String> waitTarget;
    private final ActionProgress progress;

    /**
     * @param waitTarget with {@code --wait}, the status each acted-on resource is waited for (null for one that is
     *                   not waited for); null when nothing is. A waited-for action only requests the change here
     *                   ({@link ResourceAction#request}): its "done", in the log and the audit log, and its tag are
     *                   the wait's to write once it has succeeded, so that neither is ever written of an action that
     *                   ends failed (a stop that ends Failed)
     * @param progress   told of each action as it starts and ends; once interrupted, no further action starts
     */
    ActionRunner(Log log, AuditLog audit, java.util.function.Function<Finding, String> waitTarget,
                 ActionProgress progress) {
        this.log = log;
        this.audit = audit;
        this.waitTarget = waitTarget;
        this.progress = progress;
    }

    /** Whether a wait settles this finding's action once it has been asked for. */
    private boolean waitedFor(Finding f) {
        return waitTarget != null && waitTarget.apply(f) != null;
    }

    /** The findings with their actions, and the refusal message when the cap refused the run. */
    record Outcomes(List<Finding> findings, String refusal) {
    }

    Outcomes run(List<Finding> findings, Predicate<Finding> selected, ResourceAction action, boolean apply,
                 int maxActions) {
        Map<ResourceKey, Finding> byKey = new LinkedHashMap<>();
        List<ResourceKey> planned = new ArrayList<>();
        for (Finding f : findings) {
            ResourceKey key = f.resource().key();
            if (!selected.test(f)) {
                byKey.put(key, f);
            } else if (f.protection().blocksAction()) {
                String why = f.isProtected() ? "protected: " + f.protection().reason()
                        : "protection unknown (tags could not be read): not touched";
                Action skipped = new Action(action.type(f), Outcome.SKIPPED, why);
                audit.record(f, skipped);
                byKey.put(key, f.withAction(skipped));
            } else if (action.notActionable(f).isPresent()) {
                Action skipped = new Action(action.type(f), Outcome.SKIPPED, action.notActionable(f).get());
                audit.record(f, skipped);
                byKey.put(key, f.withAction(skipped));
            } else {
                byKey.put(key, f.withAction(new Action(action.type(f), Outcome.PLANNED, action.plannedDetail(f))));
                planned.add(key);
            }
        }
        if (planned.size() > maxActions) {
            String refusal = planned.size() + " actions planned, more than --max-actions " + maxActions
                    + ": nothing was done (raise --max-actions or narrow the filters)";
            for (ResourceKey key : planned) {
                Finding f = byKey.get(key);
                audit.record(f, f.action().withOutcome(Outcome.PLANNED, "refused: " + refusal));
            }
            return new Outcomes(List.copyOf(byKey.values()), refusal);
        }
        planned.forEach(key -> warnIfInUse(byKey.get(key), action.type(byKey.get(key)), apply));
        if (!apply) {
            planned.forEach(key -> audit.record(byKey.get(key), byKey.get(key).action()));
        }
        if (apply && !planned.isEmpty()) {
            progress.planned(planned.stream().map(byKey::get).toList());
            Map<ResourceKey, String> changed = action.preflight(planned.stream().map(byKey::get).toList());
            for (ResourceKey key : planned) {
                Finding f = byKey.get(key);
                if (!progress.start(f)) {
                    // Interrupted (Ctrl-C): the rest stay planned, never started; what was done is in the log.
                    break;
                }
                String skip = changed.get(key);
                Action outcome;
                if (skip != null) {
                    outcome = f.action().withOutcome(Outcome.SKIPPED, skip);
                } else {
                    // Written before the attempt, so a run killed now still shows what it was doing.
                    audit.record(f, f.action().withOutcome(Outcome.PLANNED, "attempting: " + f.action().detail()));
                    outcome = act(f, action);
                }
                if (outcome.outcome() != Outcome.DONE || !waitedFor(f.withAction(outcome))) {
                    audit.record(f, outcome); // else the wait records how it ended
                }
                byKey.put(key, f.withAction(outcome));
                progress.finished(f, outcome);
            }
        }
        return new Outcomes(List.copyOf(byKey.values()), null);
    }

    /**
     * A stop or delete of something not IDLE (in use, too young to tell, or that nobody can tell) is said
     * before anything is done: one line per resource (--include-active and a schedule's {@code outside: stop}
     * take them in on purpose, but never silently).
     */
    private void warnIfInUse(Finding f, String type, boolean apply) {
        if (!isRemoval(type) || !inUseOrUnknown(f)) {
            return;
        }
        Resource r = f.resource();
        String where = r.account() == null ? r.region() : r.account() + "/" + r.region();
        String why = f.reasons().isEmpty() ? "" : ": " + f.reasons().get(0);
        log.warn((apply ? "will " : "would ") + type + " " + r.kind().id() + " " + r.name() + " (" + where
                + "), which is " + f.verdict() + why);
    }

    /** Stopping, deleting and restarting take something away (a restart stops first); starting does not. */
    static boolean isRemoval(String type) {
        return "stop".equals(type) || "delete".equals(type) || AutostopInstallAction.RESTART_TYPE.equals(type);
    }

    static boolean inUseOrUnknown(Finding f) {
        return f.verdict() == Verdict.ACTIVE || f.verdict() == Verdict.TOO_YOUNG || f.verdict() == Verdict.UNKNOWN;
    }

    private Action act(Finding f, ResourceAction action) {
        String what = action.type(f) + " " + f.resource().kind().id() + " " + f.resource().name();
        try {
            Optional<String> skip = action.recheck(f);
            if (skip.isPresent()) {
                log.info("skipped " + what + ": " + skip.get());
                return f.action().withOutcome(Outcome.SKIPPED, skip.get());
            }
            if (waitedFor(f)) {
                String requested = action.request(f);
                log.debug("requested: " + what);
                return f.action().withOutcome(Outcome.DONE, requested);
            }
            String done = action.perform(f);
            log.info("done: " + what);
            return f.action().withOutcome(Outcome.DONE, done);
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return f.action().withOutcome(Outcome.SKIPPED, "no longer exists");
            }
            // Refused because the resource moved on since the re-check (another sweeper, its
            // owner)? Then there is nothing left to do: a skip, not a failure.
            Optional<String> movedOn = recheckQuietly(f, action);
            if (movedOn.isPresent()) {
                log.info("skipped " + what + ": " + movedOn.get());
                return f.action().withOutcome(Outcome.SKIPPED, movedOn.get() + " (" + e.getMessage() + ")");
            }
            log.warn("failed to " + what + ": " + e.getMessage());
            return f.action().withOutcome(Outcome.FAILED, e.getMessage());
        }
    }

    private static Optional<String> recheckQuietly(Finding f, ResourceAction action) {
        try {
            return action.recheck(f);
        } catch (AwsCallException e) {
            return Optional.empty();
        }
    }
}
