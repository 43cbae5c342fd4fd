package dev.sweeper.app;

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
 * ({@link #forRun}), by {@link ScheduleReconcile}.
 */
final class ReconcileSchedules implements ActionPlan {
    private final Map<String, ScheduleDecision> decisions;

    ReconcileSchedules() {
        this(Map.of());
    }

    private ReconcileSchedules(Map<String, ScheduleDecision> decisions) {
        this.decisions = decisions;
    }

    @Override
    public String verb() {
        return "stop"; // or start: each resource's own, from ScheduleReconcile.type(Finding)
    }

    @Override
    public boolean mayActOn(Resource r) {
        return r.notebook() != null && (Evaluator.IN_SERVICE.equals(r.status()) || "Stopped".equals(r.status()));
    }

    @Override
    public ActionPlan forRun(List<Finding> findings, Map<String, Map<String, String>> tagsByArn, SweepRequest req,
                             Instant now) {
        return new ReconcileSchedules(ScheduleReconcile.decide(findings, tagsByArn, req.schedules(), now));
    }

    @Override
    public boolean selects(Finding f) {
        return ScheduleReconcile.move(decisions, f) != ScheduleDecision.Move.NONE;
    }

    @Override
    public ResourceAction action(Deps d) {
        var sm = d.gateways().sageMaker(d.region());
        return ScheduleReconcile.of(decisions, new NotebookStateChange(sm, true, d.evaluatedAt(), d.ctx().log()),
                new NotebookStateChange(sm, false, d.evaluatedAt(), d.ctx().log()));
    }

    @Override
    public String waitTarget(Finding f) {
        return ActionPlan.notebookWaitTarget(f);
    }
}
