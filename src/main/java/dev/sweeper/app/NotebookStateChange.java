package dev.sweeper.app;

import dev.sweeper.core.AwsCallException;
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
 * Stops or starts a notebook instance. A stop leaves the tag {@code sweeper:stopped-at}, so the
 * morning start can wake only what the sweeper put to sleep; a start removes it.
 */
final class NotebookStateChange implements ResourceAction {

    private final SageMakerGateway sageMaker;
    private final boolean stop;
    private final Instant now;
    private final Log log;

    NotebookStateChange(SageMakerGateway sageMaker, boolean stop, Instant now, Log log) {
        this.sageMaker = sageMaker;
        this.stop = stop;
        this.now = now;
        this.log = log;
    }

    @Override
    public String type() {
        return stop ? "stop" : "start";
    }

    private String expectedStatus() {
        return stop ? "InService" : "Stopped";
    }

    @Override
    public String plannedDetail(Finding f) {
        return stop ? "would stop it (status InService → Stopping → Stopped)"
                : "would start it (status Stopped → Pending → InService)";
    }

    @Override
    public Optional<String> recheck(Finding f) {
        Optional<Resource> now = sageMaker.describeNotebook(f.resource().name());
        if (now.isEmpty()) {
            return Optional.of("no longer exists");
        }
        if (!expectedStatus().equals(now.get().status())) {
            return Optional.of("status is now " + now.get().status());
        }
        return Optional.empty();
    }

    @Override
    public String perform(Finding f) {
        String arn = f.resource().arn();
        if (stop) {
            sageMaker.stopNotebook(f.resource().name());
            String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
            try {
                sageMaker.addTags(arn, Map.of(SweeperTags.STOPPED_AT, at));
            } catch (AwsCallException e) {
                log.warn("stopped notebook " + f.resource().name() + " but could not tag it: " + e.getMessage());
                return "stopping (not tagged " + SweeperTags.STOPPED_AT + ": " + e.getMessage() + ")";
            }
            return "stopping; tagged " + SweeperTags.STOPPED_AT + "=" + at;
        }
        sageMaker.startNotebook(f.resource().name());
        try {
            sageMaker.deleteTags(arn, List.of(SweeperTags.STOPPED_AT));
        } catch (AwsCallException e) {
            log.warn("started notebook " + f.resource().name() + " but could not remove its "
                    + SweeperTags.STOPPED_AT + " tag: " + e.getMessage());
        }
        return "starting";
    }
}
