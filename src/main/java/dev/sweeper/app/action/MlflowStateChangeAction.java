package dev.sweeper.app.action;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Log;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops or starts an MLflow tracking server (StopMlflowTrackingServer, StartMlflowTrackingServer), tagging it
 * as swept as a notebook is, so that {@code mlflow start --only-swept} wakes only what the sweeper stopped.
 */
public final class MlflowStateChangeAction extends SweptStateChangeAction {

    public MlflowStateChangeAction(SageMakerGateway sageMaker, boolean stop, Instant now, Log log) {
        super(sageMaker, stop, now, log);
    }

    /**
     * A server chosen as IDLE by the age rule ({@code mlflow.max-age}) and started or changed again since the scan
     * (its LastModifiedTime moved) is no longer the one that ran past its max age. One stopped whatever its verdict
     * ({@code --include-active}) was not chosen by its age.
     */
    @Override
    Optional<String> changedSince(Finding f, Resource current) {
        Instant scanned = f.resource().runningSince();
        Instant now = current.runningSince();
        if (f.verdict() == dev.sweeper.core.Verdict.IDLE && scanned != null && now != null && now.isAfter(scanned)) {
            return Optional.of("started or changed again since the scan (last modified " + now + ")");
        }
        return Optional.empty();
    }

    @Override
    String noun() {
        return "MLflow tracking server";
    }

    @Override
    Optional<Resource> describe(String name) {
        return sageMaker.describeMlflowServer(name);
    }

    /** AWS answers ConflictException from any other status. */
    @Override
    boolean acceptedFrom(String status) {
        return stop ? Evaluator.MLFLOW_STOPPABLE.contains(status) : Evaluator.MLFLOW_STOPPED.equals(status);
    }

    @Override
    void stop(String name) {
        sageMaker.stopMlflowServer(name);
    }

    @Override
    void start(String name) {
        sageMaker.startMlflowServer(name);
    }

    @Override
    public String plannedDetail(Finding f) {
        return stop ? "would stop it (status " + f.resource().status() + " → Stopping → Stopped)"
                : "would start it (status Stopped → Starting → Started)";
    }
}
