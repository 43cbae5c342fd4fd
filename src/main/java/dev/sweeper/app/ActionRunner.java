package dev.sweeper.app;

import dev.sweeper.core.Action;
import dev.sweeper.core.Action.Outcome;
import dev.sweeper.core.AuditLog;
import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Log;
import dev.sweeper.core.Protection;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The one dry-run guard: plans an action for every selected, unprotected resource, refuses the
 * whole run past the cap, and otherwise (with apply) re-checks and acts on each in turn. The same
 * for every acting command: a job's findings, or the Studio settings {@code apps idle-shutdown} changes
 * (see {@link TargetAction}).
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

    /** The targets with their actions, in the order given, and the refusal message when the cap refused the run. */
    record Guarded<T>(List<T> targets, String refusal) {
    }

    Outcomes run(List<Finding> findings, Predicate<Finding> selected, ResourceAction action, boolean apply,
                 int maxActions) {
        Guarded<Finding> out = guard(findings, selected, new OnFindings(action), apply, maxActions);
        return new Outcomes(out.targets(), out.refusal());
    }

    /**
     * The guard itself, for any target: plans an action for every selected, unprotected, actionable target, refuses
     * the whole run past the cap, records a dry run's plan, and otherwise (with apply) re-checks and acts on each in
     * turn, recording each attempt before it and its outcome after.
     */
    <T> Guarded<T> guard(List<T> targets, Predicate<T> selected, TargetAction<T> action, boolean apply,
                         int maxActions) {
        Map<Object, T> byKey = new LinkedHashMap<>();
        List<Object> planned = new ArrayList<>();
        for (T f : targets) {
            Object key = action.key(f);
            Protection protection = action.protection(f);
            if (!selected.test(f)) {
                byKey.put(key, f);
            } else if (protection.blocksAction()) {
                String why = Boolean.TRUE.equals(protection.isProtected()) ? "protected: " + protection.reason()
                        : "protection unknown (tags could not be read): not touched";
                Action skipped = new Action(action.type(f), Outcome.SKIPPED, why);
                action.record(audit, f, skipped);
                byKey.put(key, action.withAction(f, skipped));
            } else if (action.notActionable(f).isPresent()) {
                Action skipped = new Action(action.type(f), Outcome.SKIPPED, action.notActionable(f).get());
                action.record(audit, f, skipped);
                byKey.put(key, action.withAction(f, skipped));
            } else {
                byKey.put(key, action.withAction(f, new Action(action.type(f), Outcome.PLANNED,
                        action.plannedDetail(f))));
                planned.add(key);
            }
        }
        if (planned.size() > maxActions) {
            String refusal = planned.size() + " actions planned, more than --max-actions " + maxActions
                    + ": nothing was done (raise --max-actions or narrow the filters)";
            for (Object key : planned) {
                T f = byKey.get(key);
                action.record(audit, f, action.action(f).withOutcome(Outcome.PLANNED, "refused: " + refusal));
            }
            return new Guarded<>(List.copyOf(byKey.values()), refusal);
        }
        planned.forEach(key -> action.beforeActing(byKey.get(key), apply));
        if (!apply) {
            planned.forEach(key -> action.record(audit, byKey.get(key), action.action(byKey.get(key))));
        }
        if (apply && !planned.isEmpty()) {
            Map<Object, ActionProgress.Entry> entries = new LinkedHashMap<>();
            planned.forEach(key -> entries.put(key, action.entry(byKey.get(key), action.action(byKey.get(key)))));
            progress.planned(entries);
            Map<?, String> changed = action.preflight(planned.stream().map(byKey::get).toList());
            for (Object key : planned) {
                T f = byKey.get(key);
                if (!progress.start(key)) {
                    // Interrupted (Ctrl-C): the rest stay planned, never started; what was done is in the log.
                    break;
                }
                String skip = changed.get(key);
                Action outcome;
                if (skip != null) {
                    outcome = action.action(f).withOutcome(Outcome.SKIPPED, skip);
                } else {
                    // Written before the attempt, so a run killed now still shows what it was doing.
                    action.record(audit, f, action.action(f).withOutcome(Outcome.PLANNED, "attempting: "
                            + action.action(f).detail()));
                    outcome = act(f, action);
                }
                if (outcome.outcome() != Outcome.DONE || !action.waitedFor(action.withAction(f, outcome))) {
                    action.record(audit, f, outcome); // else the wait records how it ended
                }
                byKey.put(key, action.withAction(f, outcome));
                progress.finished(key, action.entry(f, outcome));
            }
        }
        return new Guarded<>(List.copyOf(byKey.values()), null);
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

    /**
     * Stopping, deleting and restarting take something away (a restart, autostop-notebooks --restart-idle's, stops
     * first); starting does not. The verbs are the actions' words, as in the output and the audit log.
     */
    static boolean isRemoval(String type) {
        return "stop".equals(type) || "delete".equals(type) || "restart".equals(type);
    }

    static boolean inUseOrUnknown(Finding f) {
        return f.verdict() == Verdict.ACTIVE || f.verdict() == Verdict.TOO_YOUNG || f.verdict() == Verdict.UNKNOWN;
    }

    private <T> Action act(T f, TargetAction<T> action) {
        String what = action.type(f) + " " + action.label(f);
        Action planned = action.action(f);
        try {
            Optional<String> skip = action.recheck(f);
            if (skip.isPresent()) {
                log.info("skipped " + what + ": " + skip.get());
                return planned.withOutcome(Outcome.SKIPPED, skip.get());
            }
            if (action.waitedFor(f)) {
                String requested = action.request(f);
                log.debug("requested: " + what);
                return planned.withOutcome(Outcome.DONE, requested);
            }
            String done = action.perform(f);
            log.info("done: " + what);
            return planned.withOutcome(Outcome.DONE, done);
        } catch (AwsCallException e) {
            if (e.isNotFound()) {
                return planned.withOutcome(Outcome.SKIPPED, "no longer exists");
            }
            // Refused because the resource moved on since the re-check (another sweeper, its
            // owner)? Then there is nothing left to do: a skip, not a failure.
            Optional<String> movedOn = recheckQuietly(f, action);
            if (movedOn.isPresent()) {
                log.info("skipped " + what + ": " + movedOn.get());
                return planned.withOutcome(Outcome.SKIPPED, movedOn.get() + " (" + e.getMessage() + ")");
            }
            log.warn("failed to " + what + ": " + e.getMessage());
            return planned.withOutcome(Outcome.FAILED, e.getMessage());
        }
    }

    private static <T> Optional<String> recheckQuietly(T f, TargetAction<T> action) {
        try {
            return action.recheck(f);
        } catch (AwsCallException e) {
            return Optional.empty();
        }
    }

    /** A job's findings as the guard sees them: its resource action, the tag-read protection, the wait, the audit. */
    private final class OnFindings implements TargetAction<Finding> {
        private final ResourceAction action;

        OnFindings(ResourceAction action) {
            this.action = action;
        }

        @Override
        public Object key(Finding f) {
            return f.resource().key();
        }

        @Override
        public Protection protection(Finding f) {
            return f.protection();
        }

        @Override
        public Action action(Finding f) {
            return f.action();
        }

        @Override
        public Finding withAction(Finding f, Action a) {
            return f.withAction(a);
        }

        @Override
        public void record(AuditLog audit, Finding f, Action a) {
            audit.record(f, a);
        }

        @Override
        public ActionProgress.Entry entry(Finding f, Action a) {
            return ActionProgress.Entry.of(f, a);
        }

        @Override
        public String label(Finding f) {
            return f.resource().kind().id() + " " + f.resource().name();
        }

        @Override
        public String type(Finding f) {
            return action.type(f);
        }

        @Override
        public Optional<String> notActionable(Finding f) {
            return action.notActionable(f);
        }

        @Override
        public String plannedDetail(Finding f) {
            return action.plannedDetail(f);
        }

        @Override
        public void beforeActing(Finding f, boolean apply) {
            warnIfInUse(f, action.type(f), apply);
        }

        @Override
        public Map<?, String> preflight(List<Finding> planned) {
            return action.preflight(planned);
        }

        @Override
        public Optional<String> recheck(Finding f) {
            return action.recheck(f);
        }

        @Override
        public String perform(Finding f) {
            return action.perform(f);
        }

        @Override
        public boolean waitedFor(Finding f) {
            return ActionRunner.this.waitedFor(f);
        }

        @Override
        public String request(Finding f) {
            return action.request(f);
        }
    }
}
