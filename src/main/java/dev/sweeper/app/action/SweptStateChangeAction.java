package dev.sweeper.app.action;

import dev.sweeper.app.ResourceAction;
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
 * only what the sweeper put to sleep; a start removes it. With {@code --wait} the tag is written (or
 * removed) only once the resource is seen to reach its end; without, as soon as AWS accepts the request. Subclasses say how the resource is read,
 * stopped and started, and from which statuses.
 */
abstract class SweptStateChangeAction implements ResourceAction {
    final SageMakerGateway sageMaker;
    final boolean stop;
    private final Instant now;
    private final Log log;

    SweptStateChangeAction(SageMakerGateway sageMaker, boolean stop, Instant now, Log log) {
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

    /**
     * Without {@code --wait}: the request, then the tag at once. AWS accepting the request is all this run will
     * see, so "done" means accepted, and the detail says the change was not waited for (a stop that later ends
     * Failed is not seen; {@code --wait} sees it).
     */
    @Override
    public final String perform(Finding f) {
        String requested = request(f);
        String tagged = tag(f);
        return requested + " (requested; not waited for)" + (tagged == null ? "" : "; " + tagged);
    }

    /** Only the stop or start: its tag is written by {@link #confirmed}, once the wait saw it succeed. */
    @Override
    public final String request(Finding f) {
        String name = f.resource().name();
        if (stop) {
            stop(name);
            return "stopping";
        }
        start(name);
        return "starting";
    }

    /**
     * The stop reached Stopped (or the start its running status): only now is the notebook tagged
     * {@code sweeper:stopped-at} (or the tag removed), so that a stop that ends Failed never carries it.
     */
    @Override
    public final String confirmed(Finding f) {
        return tag(f);
    }

    /** Tags a stopped resource, untags a started one; a failure is said, never thrown (the change itself stands). */
    private String tag(Finding f) {
        String arn = f.resource().arn();
        String name = f.resource().name();
        if (stop) {
            String at = now.truncatedTo(ChronoUnit.SECONDS).toString();
            try {
                sageMaker.addTags(arn, Map.of(SweeperTags.STOPPED_AT, at));
            } catch (AwsCallException e) {
                log.warn("stopped " + noun() + " " + name + " but could not tag it: " + e.getMessage());
                return "not tagged " + SweeperTags.STOPPED_AT + ": " + e.getMessage();
            }
            return "tagged " + SweeperTags.STOPPED_AT + "=" + at;
        }
        try {
            sageMaker.deleteTags(arn, List.of(SweeperTags.STOPPED_AT));
        } catch (AwsCallException e) {
            log.warn("started " + noun() + " " + name + " but could not remove its " + SweeperTags.STOPPED_AT
                    + " tag: " + e.getMessage());
            return "its " + SweeperTags.STOPPED_AT + " tag not removed: " + e.getMessage();
        }
        return null;
    }
}
