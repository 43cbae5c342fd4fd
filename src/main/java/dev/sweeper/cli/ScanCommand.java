package dev.sweeper.cli;

import dev.sweeper.app.SweepRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Find every notebook, endpoint and Studio app; say which are idle and why.",
            "Read-only: it never changes anything."})
final class ScanCommand extends InventoryCommand {
    @Mixin
    NotifyOptions notify;

    @Option(names = "--fail-on-idle", description = "Exit 4 when unprotected idle resources are found.")
    boolean failOnIdle;

    ScanCommand(Wiring wiring) {
        super(wiring);
    }

    @Override
    Settings.Flags flags() {
        return super.flags().withTopicArn(notify.topicArn);
    }

    @Override
    boolean failOnIdle() {
        return failOnIdle;
    }

    @Override
    SweepRequest request(Inputs in) {
        return inventory("scan", in, topic(notify, in.settings()));
    }
}
