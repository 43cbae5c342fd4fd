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
 * Stops or starts a resource that can sleep (a notebook instance, an MLflow tracking server). A
 * stop leaves the tag {@code sweeper:stopped-at}, so that a start with {@code --only-swept} wakes
 * only what the sweeper put to sleep; a start removes it. Subclasses say how the resource is read,
 * stopped and started, and from which statuses.
 */
abstract class SweptStateChange implements ResourceAction {
    final SageMakerGateway sageMaker;
    final boolean stop;
    private final Instant now;
    private final Log log;

    SweptStateChange(SageMakerGateway sageMaker, boolean stop, Instant now, Log log) {
        this.sageMaker = sageMaker;
        this.stop = stop;
        this.now = now;
        this.log = log;
    }

    /** The resource, as the log names it: "notebook". */
    abstract String noun();

    abstract Optional<Resource> describe(String name);

    /** Whether the change is accepted from this status. */
    abstract boolean acceptedFrom(String status);

    abstract void stop(String name);

    abstract void start(String name);

    @Override
    public final String type() {
        return stop ? "stop" : "start";
    }

    @Override
    public final Optional<String> recheck(Finding f) {
        Optional<Resource> current = describe(f.resource().name());
        if (current.isEmpty()) {
            return Optional.of("no longer exists");
        }
        String status = current.get().status();
        return acceptedFrom(status) ? changedSince(f, current.get()) : Optional.of("status is now " + status);
    }

    /**
     * Why the resource, though in a status the action accepts, no longer qualifies for the reason it was chosen;
     * empty when it still does. By default nothing: the status alone decides.
     */
    Optional<String> changedSince(Finding f, Resource current) {
        return Optional.empty();
    }

    @Override
    public final String perform(Finding f) {
        String arn = f.resource().arn();
        String name = f.resource().name();
        if (stop) {
            stop(name);
            String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
            try {
                sageMaker.addTags(arn, Map.of(SweeperTags.STOPPED_AT, at));
            } catch (AwsCallException e) {
                log.warn("stopped " + noun() + " " + name + " but could not tag it: " + e.getMessage());
                return "stopping (not tagged " + SweeperTags.STOPPED_AT + ": " + e.getMessage() + ")";
            }
            return "stopping; tagged " + SweeperTags.STOPPED_AT + "=" + at;
        }
        start(name);
        try {
            sageMaker.deleteTags(arn, List.of(SweeperTags.STOPPED_AT));
        } catch (AwsCallException e) {
            log.warn("started " + noun() + " " + name + " but could not remove its " + SweeperTags.STOPPED_AT
                    + " tag: " + e.getMessage());
        }
        return "starting";
    }
}
