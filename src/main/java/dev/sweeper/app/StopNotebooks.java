package dev.sweeper.app;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Verdict;
import java.util.List;

/** {@code stop-notebooks}: stops running notebooks (only IDLE ones with {@code --idle-only}), tagging them as swept. */
final class StopNotebooks implements ActionPlan {
    private final boolean idleOnly;

    StopNotebooks(boolean idleOnly) {
        this.idleOnly = idleOnly;
    }

    @Override
    public String verb() {
        return "stop";
    }

    @Override
    public boolean mayActOn(Resource r) {
        return !idleOnly && r.kind() == Kind.NOTEBOOK && Evaluator.IN_SERVICE.equals(r.status());
    }

    @Override
    public boolean selects(Finding f) {
        return idleOnly ? f.resource().kind() == Kind.NOTEBOOK && f.verdict() == Verdict.IDLE : mayActOn(f.resource());
    }

    @Override
    public ResourceAction action(Deps d) {
        return new NotebookStateChange(d.gateways().sageMaker(d.region()), true, d.evaluatedAt(), d.ctx().log());
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
