package dev.sweeper.app.job;

import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.ResourceAction;
import dev.sweeper.app.action.MlflowStateChangeAction;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Resource;

/**
 * {@code mlflow stop} / {@code mlflow start}: stops running MLflow tracking servers that match (those IDLE by the age
 * rule {@code mlflow.max-age}, since there is no activity signal; with {@code --include-active} every one), or starts
 * stopped ones, as stop-notebooks and start-notebooks do.
 */
final class MlflowStopStartJob implements ActionPlan {
    private final boolean stop;

    MlflowStopStartJob(boolean stop) {
        this.stop = stop;
    }

    @Override
    public String verb() {
        return stop ? "stop" : "start";
    }

    @Override
    public boolean mayActOn(Resource r) {
        return r.shape() instanceof Resource.MlflowShape && (stop ? Evaluator.MLFLOW_STOPPABLE.contains(r.status())
                : Evaluator.MLFLOW_STOPPED.equals(r.status()));
    }

    @Override
    public boolean selects(Finding f) {
        return mayActOn(f.resource());
    }

    @Override
    public boolean removes() {
        return stop;
    }

    @Override
    public ResourceAction action(Deps d) {
        return new MlflowStateChangeAction(d.gateways().sageMaker(d.region()), stop, d.evaluatedAt(), d.ctx().log());
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
