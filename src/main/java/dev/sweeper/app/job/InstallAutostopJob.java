package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.action.AutostopInstallAction;
import dev.sweeper.core.Finding;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code autostop-notebooks}: attaches the idle checker's lifecycle configuration to notebooks (or,
 * with {@code --undo}, gives them back the one they had), with the request's idle-checker settings.
 * Which notebooks need what is {@link AutostopInstallAction}'s plan; running ones are listed as pending, or with
 * {@code --restart-idle} those IDLE now are stopped, given the configuration and started again.
 */
final class InstallAutostopJob implements ActionPlan {
    private final boolean undo;
    private final boolean restartIdle;
    private final LifecycleScript.Autostop autostop;
    private final boolean includeActive;

    InstallAutostopJob(boolean undo, boolean restartIdle) {
        this(undo, restartIdle, null, false);
    }

    private InstallAutostopJob(boolean undo, boolean restartIdle, LifecycleScript.Autostop autostop, boolean includeActive) {
        this.undo = undo;
        this.restartIdle = restartIdle;
        this.autostop = autostop;
        this.includeActive = includeActive;
    }

    @Override
    public String verb() {
        return undo ? AutostopInstallAction.UNDO_TYPE : AutostopInstallAction.TYPE;
    }

    @Override
    public boolean mayActOn(Resource r) {
        return r.notebook() != null;
    }

    @Override
    public boolean selects(Finding f) {
        return mayActOn(f.resource());
    }

    @Override
    public ActionPlan forRun(List<Finding> findings, Map<String, Map<String, String>> tagsByArn, SweepRequest req,
                             Instant now) {
        return new InstallAutostopJob(undo, restartIdle, req.autostop(), req.includeActive());
    }

    @Override
    public ResourceAction action(Deps d) {
        return new AutostopInstallAction(d.gateways().sageMaker(d.region()), autostop, AutostopChecker.source(), undo,
                restartIdle, includeActive);
    }

    /** Every change of configuration leaves the notebook Updating, then Stopped; a restart's stop, Stopped. */
    @Override
    public String waitTarget(Finding f) {
        return switch (f.action().type()) {
            case AutostopInstallAction.TYPE, AutostopInstallAction.UNDO_TYPE, AutostopInstallAction.RESTART_TYPE -> "Stopped";
            default -> null;
        };
    }

    /** With {@code --restart-idle}, once its stops are done: attach, start again, and wait for InService. */
    @Override
    public List<Finding> afterActions(List<Finding> findings, SweepRequest req, FollowUp followUp) {
        return restartIdle && followUp.waited() ? AutostopFollowUps.restartIdle(findings, req, followUp) : findings;
    }
}
