package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.ActionPlan;
import dev.sweeper.app.job.Jobs;
import dev.sweeper.core.Durations;
import dev.sweeper.core.Kind;
import dev.sweeper.core.LifecycleScript;
import dev.sweeper.core.Policy;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "autostop-notebooks", mixinStandardHelpOptions = true,
        description = {"Install the sweeper's idle checker on notebook instances, through their lifecycle configuration.",
            "A team's own configuration is kept, merged after the checker. AWS changes it only while Stopped: "
                + "running notebooks stay pending (see --restart-idle). A dry run unless --apply."})
final class AutostopNotebooksCommand extends ActingCommand {
    @Mixin
    FilterOrAllOptions filters;


    @Mixin
    AutostopOptions autostop;

    @Option(names = "--undo", description = "Give each notebook back the lifecycle configuration it had before the "
            + "sweeper's (or none), read from the sweeper's configuration itself; the sweeper's configurations stay.")
    boolean undo;

    @Option(names = "--restart-idle", description = "Stop an IDLE running notebook, give it the configuration and "
            + "start it again (others stay pending unless --include-active). Needs --wait with --apply.")
    boolean restartIdle;

    @Mixin
    SharedOptions.Window window;

    @Mixin
    SharedOptions.IncludeActive includeActive;

    @Mixin
    SharedOptions.IncludeAl2 includeAl2;

    AutostopNotebooksCommand(Wiring wiring) {
        super(wiring);
    }

    /** The idle checker's settings, shared with stop-notebooks --attach-autostop. */
    static final class AutostopOptions {
        @Option(names = "--idle-time", paramLabel = "DURATION", converter = IdleTime.class, completionCandidates = IdleTime.class,
                description = "How long a notebook's Jupyter server must be idle before the notebook stops itself "
                        + "(default: notebooks.autostop-idle-time from the config, else 60m; from 10m to 7d).")
        Duration idleTime;

        @Option(names = "--ignore-connections", description = "The checker ignores open browser tabs: a notebook left "
                + "open in a browser with nothing running still stops.")
        boolean ignoreConnections;

        LifecycleScript.Autostop autostop(Settings settings) {
            dev.sweeper.config.SweeperConfig.Notebooks nb = settings.notebooksConfig();
            return new LifecycleScript.Autostop(settings.autostopIdleTime(idleTime), ignoreConnections,
                    nb.autostopCpuPercent(), nb.autostopGpuPercent(), nb.autostopProcessUser());
        }
    }

    static final Duration DEFAULT_IDLE = Duration.ofMinutes(60);

    /** The checker's idle time: LifecycleScript's bounds, whole seconds. */
    static final class IdleTime extends Converters.DurationRange {
        IdleTime() {
            super(LifecycleScript.MIN_IDLE, LifecycleScript.MAX_IDLE, "30m", "60m", "2h");
        }
    }

    @Override
    void requireScope(Inputs in) {
        filters.requireFilterOrAll(
                "autostop-notebooks with no filter would change every notebook's lifecycle configuration", in.regions(),
                false, List.of());
    }

    @Override
    SweepRequest request(Inputs in) {
        if (undo && (autostop.idleTime != null || autostop.ignoreConnections)) {
            throw new UsageException("--undo restores what was there before: --idle-time and --ignore-connections do not apply");
        }
        if (undo && restartIdle) {
            throw new UsageException("--undo and --restart-idle cannot be combined: --undo changes Stopped notebooks only");
        }
        if (includeActive.includeActive && !restartIdle) {
            throw new UsageException("--include-active applies with --restart-idle (the only stop this command makes)");
        }
        if (window.window != null && !restartIdle) {
            throw new UsageException("--window only applies with --restart-idle");
        }
        if (restartIdle && actions.apply && !wait.wait) {
            throw new UsageException("--restart-idle needs --wait: the configuration can be attached only once the "
                    + "notebook is Stopped, and it is started again after that");
        }
        LifecycleScript.Autostop settings;
        try {
            settings = autostop.autostop(in.settings());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--idle-time " + Durations.format(autostop.idleTime) + ": " + e.getMessage());
        }
        Policy policy = window.over(in.basePolicy());
        ActionPlan plan = undo ? Jobs.UNDO_AUTOSTOP
                : restartIdle ? Jobs.INSTALL_AUTOSTOP_RESTART_IDLE : Jobs.INSTALL_AUTOSTOP;
        return new SweepRequest("autostop-notebooks", List.of(Kind.NOTEBOOK), in.regions(), filters.toFilter(),
                policy, restartIdle ? policy.window(Kind.NOTEBOOK) : null, false, plan, actions.apply,
                maxActions(in), null, wait.timeout(actions)).withAutostop(settings)
                .withIncludeActive(includeActive.includeActive)
                .withIncludeAl2(includeAl2.includeAl2);
    }
}
