package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import dev.sweeper.report.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Find every notebook, endpoint and Studio app; say which are idle and why.",
            "Read-only: it never changes anything."})
final class ScanCommand extends InventoryCommand {
    @Mixin
    NotifyOptions notify;

    @Mixin
    SharedOptions.FailOnIdle failOnIdle;

    @Mixin
    SharedOptions.Format outputFormat;

    ScanCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    Settings.Flags flags() {
        return super.flags().withTopicArn(notify.topicArn);
    }

    @Override
    boolean failOnIdle() {
        return failOnIdle.failOnIdle;
    }

    @Override
    OutputFormat format() {
        return outputFormat.orDefault(environment);
    }

    @Override
    SweepRequest request(Inputs in) {
        return inventory("scan", in, topic(notify, in.settings()));
    }
}
