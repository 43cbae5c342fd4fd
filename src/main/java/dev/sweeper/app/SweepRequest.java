package dev.sweeper.app;

import dev.sweeper.core.Kind;
import dev.sweeper.core.LifecycleScript;
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
 * @param autostop    the idle checker to install (INSTALL_AUTOSTOP, or stop-notebooks --attach-autostop); else null
 */
public record SweepRequest(String command, List<Kind> kinds, List<String> regions, ResourceFilter filter,
                           Policy policy, Duration window, boolean describeAll, ActionPlan action, boolean apply,
                           int maxActions, String topicArn, Duration waitTimeout, LifecycleScript.Autostop autostop) {
    public SweepRequest {
        kinds = List.copyOf(kinds);
        regions = List.copyOf(regions);
    }

    /** A request that installs no idle checker. */
    public SweepRequest(String command, List<Kind> kinds, List<String> regions, ResourceFilter filter, Policy policy,
                        Duration window, boolean describeAll, ActionPlan action, boolean apply, int maxActions,
                        String topicArn, Duration waitTimeout) {
        this(command, kinds, regions, filter, policy, window, describeAll, action, apply, maxActions, topicArn,
                waitTimeout, null);
    }

    /**
     * @param autostop the idle checker's settings: for INSTALL_AUTOSTOP, and for a stop that attaches it
     *                 afterwards (null: no checker is attached after a stop)
     */
    public SweepRequest withAutostop(LifecycleScript.Autostop autostop) {
        return new SweepRequest(command, kinds, regions, filter, policy, window, describeAll, action, apply, maxActions,
                topicArn, waitTimeout, autostop);
    }

    /** The changes a command can ask for. */
    public enum ActionPlan {
        DELETE_IDLE_ENDPOINTS,
        DELETE_IDLE_APPS,
        STOP_NOTEBOOKS,
        STOP_IDLE_NOTEBOOKS,
        START_NOTEBOOKS,
        START_SWEPT_NOTEBOOKS,
        /** Attach the idle checker's lifecycle configuration to Stopped notebooks (issue 18). */
        INSTALL_AUTOSTOP,
        /** Give notebooks back the lifecycle configuration they had before INSTALL_AUTOSTOP. */
        UNDO_AUTOSTOP
    }
}
