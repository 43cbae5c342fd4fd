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
    /** Every running MLflow tracking server that matches (mlflow stop). */
    ActionPlan STOP_MLFLOW = new MlflowStopStart(true, false);
    /** Only the running MLflow tracking servers IDLE by the age rule (mlflow stop --idle-only). */
    ActionPlan STOP_IDLE_MLFLOW = new MlflowStopStart(true, true);
    /** Every stopped MLflow tracking server; the command narrows it (by the swept tag for --only-swept). */
    ActionPlan START_MLFLOW = new MlflowStopStart(false, false);
    /** Each notebook tagged sweeper:schedule stopped or started as its schedule (in the request) says. */
    ActionPlan RECONCILE_SCHEDULES = new ReconcileSchedules();
    /** Attach the idle checker's lifecycle configuration to Stopped notebooks (settings from the request). */
    ActionPlan INSTALL_AUTOSTOP = new InstallAutostop(false, false);
    /** INSTALL_AUTOSTOP, and InService notebooks IDLE now are stopped, given it and started again (--restart-idle). */
    ActionPlan INSTALL_AUTOSTOP_RESTART_IDLE = new InstallAutostop(false, true);
    /** Give notebooks back the lifecycle configuration they had before INSTALL_AUTOSTOP. */
    ActionPlan UNDO_AUTOSTOP = new InstallAutostop(true, false);

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
