package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;

/**
 * The jobs the commands ask the engine for, one constant each. The engine knows none of them by name (it takes an
 * {@link ActionPlan}); each is a class of this package, named {@code *Job}.
 */
public final class Jobs {
    public static final ActionPlan DELETE_IDLE_ENDPOINTS = DeleteIdleJob.endpoints();
    public static final ActionPlan DELETE_IDLE_APPS = DeleteIdleJob.apps();
    /** Running notebooks: IDLE ones, or with {@code --include-active} every one (the nightly stop). */
    public static final ActionPlan STOP_NOTEBOOKS = new StopNotebooksJob();
    /** Every stopped notebook; the command narrows it (by the swept tag for --only-swept). */
    public static final ActionPlan START_NOTEBOOKS = new StartNotebooksJob();
    /**
     * Running MLflow tracking servers: those IDLE by the age rule ({@code mlflow.max-age}), or with
     * {@code --include-active} every one that matches.
     */
    public static final ActionPlan STOP_MLFLOW = new MlflowStopStartJob(true);
    /** Every stopped MLflow tracking server; the command narrows it (by the swept tag for --only-swept). */
    public static final ActionPlan START_MLFLOW = new MlflowStopStartJob(false);
    /** Each notebook tagged sweeper:schedule stopped or started as its schedule (in the request) says. */
    public static final ActionPlan RECONCILE_SCHEDULES = new ReconcileSchedulesJob();
    /** Attach the idle checker's lifecycle configuration to Stopped notebooks (settings from the request). */
    public static final ActionPlan INSTALL_AUTOSTOP = new InstallAutostopJob(false, false);
    /** INSTALL_AUTOSTOP, and InService notebooks IDLE now are stopped, given it and started again (--restart-idle). */
    public static final ActionPlan INSTALL_AUTOSTOP_RESTART_IDLE = new InstallAutostopJob(false, true);
    /** Give notebooks back the lifecycle configuration they had before INSTALL_AUTOSTOP. */
    public static final ActionPlan UNDO_AUTOSTOP = new InstallAutostopJob(true, false);

    private Jobs() {
    }
}
