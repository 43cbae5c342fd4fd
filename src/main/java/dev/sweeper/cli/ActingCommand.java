package dev.sweeper.cli;

import dev.sweeper.report.OutputFormat;
import picocli.CommandLine.Mixin;

/**
 * A command that stops, starts or changes the resources its filters match, and can wait for them
 * to settle: stop-notebooks, start-notebooks, schedule, autostop-notebooks, mlflow stop and start.
 * It declares their shared options once; each subclass adds its own (its filters: with --all where it can reach
 * every resource of its kind) and says what it asks for.
 */
abstract class ActingCommand extends SweepCommand {
    @Mixin
    ActionOptions actions;

    @Mixin
    WaitOptions wait;

    @Mixin
    SharedOptions.Format outputFormat;

    ActingCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    final ActionOptions actions() {
        return actions;
    }

    @Override
    final OutputFormat format() {
        return outputFormat.orDefault(environment);
    }
}
