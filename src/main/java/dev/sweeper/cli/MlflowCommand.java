package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.app.job.Jobs;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Policy;
import dev.sweeper.core.ResourceFilter;
import dev.sweeper.core.SweeperTags;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "mlflow", mixinStandardHelpOptions = true,
        description = "SageMaker MLflow tracking servers: billed per hour while running; stop them and start them again.",
        subcommands = {MlflowCommand.Stop.class, MlflowCommand.Start.class})
final class MlflowCommand {
    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop running MLflow tracking servers (StopMlflowTrackingServer).",
                "Running servers that are IDLE are stopped, tagged " + SweeperTags.STOPPED_AT + ". AWS publishes no "
                    + "activity signal for tracking servers, so IDLE means an age rule: running for longer than "
                    + "--max-age (or the config's mlflow.max-age) since their last start; without one every server is "
                    + "UNKNOWN. --include-active stops every running server that matches (the evening schedule). "
                    + "With no name or tag filter it needs --all. A dry run unless --apply."})
    static final class Stop extends ActingCommand {
        @Mixin
        FilterOrAllOptions filters;


        @picocli.CommandLine.Mixin
        SharedOptions.IdleOnly idleOnly;

        @picocli.CommandLine.Mixin
        SharedOptions.IncludeActive includeActive;

        @Option(names = "--max-age", paramLabel = "DURATION", converter = Converters.Window.class,
                completionCandidates = Converters.Window.class,
                description = "The age rule: a server running for longer than this since its last start is IDLE "
                        + "(default: mlflow.max-age).")
        java.time.Duration maxAge;

        Stop(Wiring wiring) {
            super(wiring);
        }

        @Override
        void requireScope(Inputs in) {
            filters.requireFilterOrAll("mlflow stop with no filter would stop every " + (includeActive.includeActive
                    ? "running" : "IDLE") + " MLflow tracking server", in.regions(), false, List.of());
        }

        @Override
        SweepRequest request(Inputs in) {
            includeActive.check(idleOnly.idleOnly);
            Policy policy = maxAge != null ? in.basePolicy().withMaxAge(Kind.MLFLOW, maxAge) : in.basePolicy();
            if (!includeActive.includeActive && policy.maxAge(Kind.MLFLOW) == null) {
                throw new UsageException("mlflow stop stops IDLE servers only, and without an age rule none is IDLE "
                        + "(AWS publishes no activity signal for MLflow tracking servers): give --max-age DURATION or "
                        + "mlflow.max-age in the config, or --include-active to stop every running one");
            }
            return new SweepRequest("mlflow stop", List.of(Kind.MLFLOW), in.regions(), filters.toFilter(),
                    policy, null, false, Jobs.STOP_MLFLOW, actions.apply,
                    maxActions(in), null, wait.timeout(actions)).withIncludeActive(includeActive.includeActive);
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start stopped MLflow tracking servers (StartMlflowTrackingServer).",
                "Every Stopped server that matches the filters, or with --only-swept only those the sweeper stopped. "
                    + "With no filter it needs --all. A dry run unless --apply."})
    static final class Start extends ActingCommand {
        @Mixin
        FilterOrAllOptions filters;

        @Option(names = "--only-swept", description = "Only tracking servers the sweeper stopped (tagged "
                + SweeperTags.STOPPED_AT + "), never ones their owner stopped.")
        boolean onlySwept;


        Start(Wiring wiring) {
            super(wiring);
        }

        @Override
        void requireScope(Inputs in) {
            filters.requireFilterOrAll("mlflow start with no filter would start every Stopped MLflow tracking server",
                    in.regions(), onlySwept, List.of("--only-swept"));
        }

        @Override
        SweepRequest request(Inputs in) {
            ResourceFilter filter = filters.toFilter();
            if (onlySwept) {
                filter = filter.requiringTagKey(SweeperTags.STOPPED_AT);
            }
            return new SweepRequest("mlflow start", List.of(Kind.MLFLOW), in.regions(), filter, in.basePolicy(),
                    null, false, Jobs.START_MLFLOW, actions.apply, maxActions(in), null, wait.timeout(actions));
        }
    }
}
