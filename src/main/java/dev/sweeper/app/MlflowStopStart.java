package dev.sweeper.app;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Verdict;

/**
 * {@code mlflow stop} / {@code mlflow start}: stops every running MLflow tracking server that matches (or, with
 * {@code --idle-only}, only those IDLE by the age rule {@code mlflow.max-age}: there is no activity signal), or starts
 * stopped ones, as stop-notebooks and start-notebooks do.
 */
final class MlflowStopStart implements ActionPlan {
    private final boolean stop;
    private final boolean idleOnly;

    MlflowStopStart(boolean stop, boolean idleOnly) {
        this.stop = stop;
        this.idleOnly = idleOnly;
    }

    @Override
    public String verb() {
        return stop ? "stop" : "start";
    }

    @Override
    public boolean mayActOn(Resource r) {
        return !idleOnly && r.kind() == Kind.MLFLOW && (stop ? Evaluator.MLFLOW_STOPPABLE.contains(r.status())
                : Evaluator.MLFLOW_STOPPED.equals(r.status()));
    }

    @Override
    public boolean selects(Finding f) {
        return idleOnly ? f.resource().kind() == Kind.MLFLOW && f.verdict() == Verdict.IDLE
                && Evaluator.MLFLOW_STOPPABLE.contains(f.resource().status()) : mayActOn(f.resource());
    }

    @Override
    public ResourceAction action(Deps d) {
        return new MlflowStateChange(d.gateways().sageMaker(d.region()), stop, idleOnly, d.evaluatedAt(), d.ctx().log());
    }

    @Override
    public String waitTarget(Finding f) {
        return switch (f.action().type()) {
            case "stop" -> "Stopped";
            case "start" -> "Started";
            default -> null;
        };
    }
}
