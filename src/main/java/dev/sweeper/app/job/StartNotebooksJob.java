package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.action.NotebookStateChangeAction;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;

/** {@code start-notebooks}: starts stopped notebooks, removing the swept tag. */
final class StartNotebooksJob implements ActionPlan {
    @Override
    public String verb() {
        return "start";
    }

    @Override
    public boolean mayActOn(Resource r) {
        return r.notebook() != null && "Stopped".equals(r.status());
    }

    @Override
    public boolean selects(Finding f) {
        return mayActOn(f.resource());
    }

    @Override
    public ResourceAction action(Deps d) {
        return new NotebookStateChangeAction(d.gateways().sageMaker(d.region()), false, d.evaluatedAt(), d.ctx().log());
    }

    @Override
    public String waitTarget(Finding f) {
        return ActionPlan.notebookWaitTarget(f);
    }
}
