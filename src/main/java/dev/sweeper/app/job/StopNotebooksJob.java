package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.action.NotebookStateChangeAction;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import java.util.List;

/**
 * {@code stop-notebooks}: stops running notebooks, tagging them as swept; IDLE ones, or with {@code --include-active}
 * every one (the rule for acting, {@link ActionPlan#withinReach}).
 */
final class StopNotebooksJob implements ActionPlan {

    @Override
    public String verb() {
        return "stop";
    }

    @Override
    public boolean mayActOn(Resource r) {
        return r.notebook() != null && Evaluator.IN_SERVICE.equals(r.status());
    }

    @Override
    public boolean selects(Finding f) {
        return mayActOn(f.resource());
    }

    @Override
    public boolean removes() {
        return true;
    }

    @Override
    public ResourceAction action(Deps d) {
        return new NotebookStateChangeAction(d.gateways().sageMaker(d.region()), true, d.evaluatedAt(), d.ctx().log());
    }

    @Override
    public String waitTarget(Finding f) {
        return ActionPlan.notebookWaitTarget(f);
    }

    /** With {@code --attach-autostop}: the idle checker, attached right after each stop. */
    @Override
    public List<Finding> afterActions(List<Finding> findings, SweepRequest req, FollowUp followUp) {
        return req.autostop() == null ? findings : AutostopFollowUps.attachAfterStop(findings, req.autostop(), followUp);
    }
}
