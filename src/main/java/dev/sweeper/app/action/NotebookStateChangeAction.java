package dev.sweeper.app.action;

import dev.sweeper.core.Finding;
import dev.sweeper.core.Log;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SageMakerGateway;
import java.time.Instant;
import java.util.Optional;

/** Stops or starts a notebook instance (StopNotebookInstance, StartNotebookInstance), tagging it as swept. */
public final class NotebookStateChangeAction extends SweptStateChangeAction {

    public NotebookStateChangeAction(SageMakerGateway sageMaker, boolean stop, Instant now, Log log) {
        super(sageMaker, stop, now, log);
    }

    @Override
    String noun() {
        return "notebook";
    }

    @Override
    Optional<Resource> describe(String name) {
        return sageMaker.describeNotebook(name);
    }

    @Override
    boolean acceptedFrom(String status) {
        return (stop ? "InService" : "Stopped").equals(status);
    }

    @Override
    void stop(String name) {
        sageMaker.stopNotebook(name);
    }

    @Override
    void start(String name) {
        sageMaker.startNotebook(name);
    }

    @Override
    public String plannedDetail(Finding f) {
        return stop ? "would stop it (status InService → Stopping → Stopped)"
                : "would start it (status Stopped → Pending → InService)";
    }
}
