package dev.sweeper.app;

import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.core.ResourceFilter;
import java.time.Duration;
import java.util.List;

/**
 * What one command asks of the engine.
 *
 * @param window      the window shown in the output (null when the command has none)
 * @param describeAll describe every endpoint (for costs), not only the idle candidates
 * @param action      null for read-only commands
 * @param topicArn    null unless a notification was asked for
 * @param waitTimeout null unless the command waits for state changes to finish
 */
public record SweepRequest(String command, List<Kind> kinds, List<String> regions, ResourceFilter filter,
                           Policy policy, Duration window, boolean describeAll, ActionPlan action, boolean apply,
                           int maxActions, String topicArn, Duration waitTimeout) {
    public SweepRequest {
        kinds = List.copyOf(kinds);
        regions = List.copyOf(regions);
    }
}
