package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.action.NotebookStateChangeAction;
import dev.sweeper.app.action.ScheduleReconcileAction;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;
import dev.sweeper.core.ScheduleDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code schedule}: each notebook tagged {@code sweeper:schedule} is stopped outside its periods and
 * started inside them when the sweeper stopped it; which, is decided once its tags are read
 * ({@link #forRun}), by {@link ScheduleReconcileAction}.
 */
final class ReconcileSchedulesJob implements ActionPlan {
    private final Map<String, ScheduleDecision> decisions;

    ReconcileSchedulesJob() {
        this(Map.of());
    }

    private ReconcileSchedulesJob(Map<String, ScheduleDecision> decisions) {
        this.decisions = decisions;
    }

    @Override
    public String verb() {
        return "stop"; // or start: each resource's own, from ScheduleReconcileAction.type(Finding)
    }

    @Override
    public boolean mayActOn(Resource r) {
        return r.notebook() != null && (Evaluator.IN_SERVICE.equals(r.status()) || "Stopped".equals(r.status()));
    }

    @Override
    public ActionPlan forRun(List<Finding> findings, Map<String, Map<String, String>> tagsByArn, SweepRequest req,
                             Instant now) {
        return new ReconcileSchedulesJob(ScheduleReconcileAction.decide(findings, tagsByArn, req.schedules(), now));
    }

    @Override
    public boolean selects(Finding f) {
        return ScheduleReconcileAction.move(decisions, f) != ScheduleDecision.Move.NONE;
    }

    @Override
    public ResourceAction action(Deps d) {
        var sm = d.gateways().sageMaker(d.region());
        return ScheduleReconcileAction.of(decisions, new NotebookStateChangeAction(sm, true, d.evaluatedAt(), d.ctx().log()),
                new NotebookStateChangeAction(sm, false, d.evaluatedAt(), d.ctx().log()));
    }

    @Override
    public String waitTarget(Finding f) {
        return ActionPlan.notebookWaitTarget(f);
    }
}
