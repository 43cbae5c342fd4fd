package dev.sweeper.app;

import dev.sweeper.core.Action;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far a run's actions have got, for a run stopped halfway (Ctrl-C): what was done, what was in
 * progress, what was left. {@link #interrupt()} stops the run from starting another action; the one in
 * flight finishes and is audited. Shared between the acting thread and the one that reports the interruption.
 */
public final class ActionProgress {
    /** By the target's key (a resource's {@code ResourceKey}, a domain's ARN). */
    private final Map<Object, Entry> entries = new LinkedHashMap<>();
    private boolean interrupted;
    private Object inFlight;

    /** One planned action: its resource and, once it is known, its outcome. */
    public record Entry(String kind, String name, String region, String type, Action.Outcome outcome, String detail) {
        static Entry of(Finding f, Action a) {
            Resource r = f.resource();
            return new Entry(r.kind().id(), r.name(), r.region(), a.type(), a.outcome(), a.detail());
        }

        /** "notebook dev-alice", as the log says it. */
        public String what() {
            return kind + " " + name;
        }
    }

    /** Where the run stood: each list in the order the actions were planned. */
    public record Snapshot(List<Entry> finished, List<Entry> inProgress, List<Entry> notStarted) {
        public int planned() {
            return finished.size() + inProgress.size() + notStarted.size();
        }

        public List<Entry> finished(Action.Outcome outcome) {
            return finished.stream().filter(e -> e.outcome() == outcome).toList();
        }
    }

    /** The actions about to be carried out, in order. */
    synchronized void planned(Map<Object, Entry> planned) {
        entries.putAll(planned);
    }

    /**
     * Whether the next action may start: false once interrupted. True marks it in flight, until
     * {@link #finished}.
     */
    synchronized boolean start(Object key) {
        if (interrupted) {
            return false;
        }
        inFlight = key;
        return true;
    }

    synchronized void finished(Object key, Entry outcome) {
        entries.put(key, outcome);
        if (key.equals(inFlight)) {
            inFlight = null;
        }
        notifyAll();
    }

    /** No new action starts from now on. */
    public synchronized void interrupt() {
        interrupted = true;
        notifyAll();
    }

    public synchronized boolean interrupted() {
        return interrupted;
    }

    /**
     * Waits (at most {@code limit}) for the action in flight to finish, so that its outcome can be told.
     * Returns at once when none is.
     */
    public synchronized void awaitInFlight(Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (inFlight != null) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    public synchronized Snapshot snapshot() {
        List<Entry> finished = new ArrayList<>();
        List<Entry> inProgress = new ArrayList<>();
        List<Entry> notStarted = new ArrayList<>();
        entries.forEach((key, e) -> {
            if (key.equals(inFlight)) {
                inProgress.add(e);
            } else if (e.outcome() == Action.Outcome.PLANNED) {
                notStarted.add(e);
            } else {
                finished.add(e);
            }
        });
        return new Snapshot(finished, inProgress, notStarted);
    }
}
