package dev.sweeper.app;

import dev.sweeper.core.AwsCallException;
import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Log;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import dev.sweeper.core.SweeperTags;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stops or starts an MLflow tracking server (StopMlflowTrackingServer, StartMlflowTrackingServer), as
 * {@link NotebookStateChange} does a notebook: a stop leaves the tag {@code sweeper:stopped-at}, so that
 * {@code mlflow start --only-swept} wakes only what the sweeper stopped; a start removes it.
 */
final class MlflowStateChange implements ResourceAction {
    private final SageMakerGateway sageMaker;
    private final boolean stop;
    private final Instant now;
    private final Log log;

    MlflowStateChange(SageMakerGateway sageMaker, boolean stop, Instant now, Log log) {
        this.sageMaker = sageMaker;
        this.stop = stop;
        this.now = now;
        this.log = log;
    }

    @Override
    public String type() {
        return stop ? "stop" : "start";
    }

    @Override
    public String plannedDetail(Finding f) {
        return stop ? "would stop it (status " + f.resource().status() + " → Stopping → Stopped)"
                : "would start it (status Stopped → Starting → Started)";
    }

    /** Still in a status the change is accepted from (AWS answers ConflictException otherwise). */
    @Override
    public Optional<String> recheck(Finding f) {
        Optional<Resource> now = sageMaker.describeMlflowServer(f.resource().name());
        if (now.isEmpty()) {
            return Optional.of("no longer exists");
        }
        String status = now.get().status();
        boolean ok = stop ? Evaluator.MLFLOW_STOPPABLE.contains(status) : Evaluator.MLFLOW_STOPPED.equals(status);
        return ok ? Optional.empty() : Optional.of("status is now " + status);
    }

    @Override
    public String perform(Finding f) {
        String arn = f.resource().arn();
        if (stop) {
            sageMaker.stopMlflowServer(f.resource().name());
            String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
            try {
                sageMaker.addTags(arn, Map.of(SweeperTags.STOPPED_AT, at));
            } catch (AwsCallException e) {
                log.warn("stopped MLflow tracking server " + f.resource().name() + " but could not tag it: " + e.getMessage());
                return "stopping (not tagged " + SweeperTags.STOPPED_AT + ": " + e.getMessage() + ")";
            }
            return "stopping; tagged " + SweeperTags.STOPPED_AT + "=" + at;
        }
        sageMaker.startMlflowServer(f.resource().name());
        try {
            sageMaker.deleteTags(arn, List.of(SweeperTags.STOPPED_AT));
        } catch (AwsCallException e) {
            log.warn("started MLflow tracking server " + f.resource().name() + " but could not remove its "
                    + SweeperTags.STOPPED_AT + " tag: " + e.getMessage());
        }
        return "starting";
    }
}
