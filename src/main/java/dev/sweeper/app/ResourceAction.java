package dev.sweeper.app;

import dev.sweeper.core.Finding;
import dev.sweeper.core.ResourceKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of change to a resource (delete an endpoint, stop a notebook, …), as the action runner
 * drives it: plan, re-check right before acting, act.
 */
public interface ResourceAction {
    /** The word in the output: {@code delete}, {@code stop}, {@code start}. */
    String type();

    /** The word for this resource, where one action does different things to different resources (a schedule). */
    default String type(Finding f) {
        return type();
    }

    /**
     * Why this resource is never acted on whatever its verdict (an endpoint that is not InService),
     * or empty. Such a resource is skipped with that reason, in a dry run too.
     */
    default Optional<String> notActionable(Finding f) {
        return Optional.empty();
    }

    /** What a dry run says would be done. */
    String plannedDetail(Finding f);

    /**
     * Checks, in one go for all planned resources, anything that can be read in bulk before acting
     * (recent metrics). Returns a skip reason for each resource that changed.
     */
    default Map<ResourceKey, String> preflight(List<Finding> planned) {
        return Map.of();
    }

    /** Reads the resource's state again; a reason to skip it if it changed since the scan. */
    Optional<String> recheck(Finding f);

    /** Acts, and says what was done. */
    String perform(Finding f);

    /**
     * Acts when a wait follows that watches the resource reach the end of the change ({@code --wait}): only the
     * request itself, and what it says. Whatever may be written only once the change has succeeded (a stop's
     * {@code sweeper:stopped-at} tag) is left to {@link #confirmed}. By default the whole action.
     */
    default String request(Finding f) {
        return perform(f);
    }

    /**
     * Called once the wait saw the resource reach the end of the change {@link #request} asked for: completes what
     * was left for that moment, and says what it added (null when nothing). Throws {@code AwsCallException} when that
     * fails; the change itself stays done.
     */
    default String confirmed(Finding f) {
        return null;
    }
}
