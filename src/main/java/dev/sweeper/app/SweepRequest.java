package dev.sweeper.app;

import dev.sweeper.core.Kind;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Policy;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one command asks of the engine.
 *
 * @param window      the window shown in the output (null when the command has none)
 * @param describeAll describe every endpoint (for costs), not only the idle candidates
 * @param action      null for read-only commands
 * @param topicArn    null unless a notification was asked for
 * @param waitTimeout null unless the command waits for state changes to finish
 * @param autostop    the idle checker to install (autostop-notebooks, or stop-notebooks --attach-autostop); else null
 * @param includeActive a stop or delete may also act on ACTIVE, TOO_YOUNG and UNKNOWN resources
 *                      ({@code --include-active}); without it, on IDLE ones only (see {@link ActionPlan#withinReach})
 */
public record SweepRequest(String command, List<Kind> kinds, List<String> regions, ResourceFilter filter,
                           Policy policy, Duration window, boolean describeAll, ActionPlan action, boolean apply,
                           int maxActions, String topicArn, Duration waitTimeout, Map<String, Schedule> schedules,
                           Marking marking, LifecycleScript.Autostop autostop, boolean includeActive) {
    public SweepRequest {
        kinds = List.copyOf(kinds);
        regions = List.copyOf(regions);
        schedules = schedules == null ? Map.of() : Map.copyOf(schedules);
    }

    /** A request that follows no schedule, marks nothing and installs no idle checker. */
    public SweepRequest(String command, List<Kind> kinds, List<String> regions, ResourceFilter filter, Policy policy,
                        Duration window, boolean describeAll, ActionPlan action, boolean apply, int maxActions,
                        String topicArn, Duration waitTimeout) {
        this(command, kinds, regions, filter, policy, window, describeAll, action, apply, maxActions, topicArn,
                waitTimeout, Map.of(), null, null, false);
    }

    /** A request that installs no idle checker. */
    public SweepRequest(String command, List<Kind> kinds, List<String> regions, ResourceFilter filter, Policy policy,
                        Duration window, boolean describeAll, ActionPlan action, boolean apply, int maxActions,
                        String topicArn, Duration waitTimeout, Map<String, Schedule> schedules, Marking marking) {
        this(command, kinds, regions, filter, policy, window, describeAll, action, apply, maxActions, topicArn,
                waitTimeout, schedules, marking, null, false);
    }

    /**
     * @param autostop the idle checker's settings: for autostop-notebooks, and for a stop that attaches it
     *                 afterwards (null: no checker is attached after a stop)
     */
    public SweepRequest withAutostop(LifecycleScript.Autostop autostop) {
        return new SweepRequest(command, kinds, regions, filter, policy, window, describeAll, action, apply, maxActions,
                topicArn, waitTimeout, schedules, marking, autostop, includeActive);
    }

    /** The same request, its stops or deletes reaching beyond IDLE resources ({@code --include-active}) or not. */
    public SweepRequest withIncludeActive(boolean include) {
        return new SweepRequest(command, kinds, regions, filter, policy, window, describeAll, action, apply, maxActions,
                topicArn, waitTimeout, schedules, marking, autostop, include);
    }

    /**
     * Mark now, act later: each IDLE resource is tagged {@code sweeper:idle-since} when first seen
     * idle, one found ACTIVE loses the tag, and the action (if any) is taken only on resources
     * marked at least {@code grace} ago and IDLE now.
     *
     * @param mark tag newly idle ones (--mark); without it only the grace gate applies (--grace)
     */
    public record Marking(boolean mark, Duration grace) {
    }
}
