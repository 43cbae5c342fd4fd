package dev.sweeper.app;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Gateways;
import dev.sweeper.core.Policy;
import dev.sweeper.core.Resource;
import java.time.Instant;
import java.util.Optional;

/**
 * A change a command asks for, as one job: which resources it may act on, which findings it
 * selects, and the action that carries it out. The engine ({@link Sweeper}) knows no job by name:
 * adding one adds a class.
 */
public interface ActionPlan {
    ActionPlan DELETE_IDLE_ENDPOINTS = DeleteIdle.endpoints();
    ActionPlan DELETE_IDLE_APPS = DeleteIdle.apps();
    /** Every running notebook (the schedule's evening stop), idle or not. */
    ActionPlan STOP_NOTEBOOKS = new StopNotebooks(false);
    ActionPlan STOP_IDLE_NOTEBOOKS = new StopNotebooks(true);
    /** Every stopped notebook; the command narrows it (by the swept tag for --only-swept). */
    ActionPlan START_NOTEBOOKS = new StartNotebooks();

    /** The word in the output and the audit log: {@code delete}, {@code stop}, {@code start}. */
    String verb();

    /**
     * Which resources could be acted on whatever their verdict, known before evaluation: their tags
     * are read for protection. None, for jobs that act on {@code IDLE} resources only (whose tags
     * are read anyway).
     */
    default boolean mayActOn(Resource r) {
        return false;
    }

    /** Whether this job acts on the finding. */
    boolean selects(Finding f);

    /** The action, for one account and region. */
    ResourceAction action(Deps deps);

    /** The state {@code --wait} waits for, when this job waits at all. */
    default Optional<String> waitsFor() {
        return Optional.empty();
    }

    /**
     * What an action needs, for the account and region of the resources it acts on.
     *
     * @param evaluatedAt when the resources were evaluated (the re-check reads from there up to now)
     */
    record Deps(Gateways gateways, String region, Policy policy, Instant evaluatedAt, SweepContext ctx) {
    }
}
