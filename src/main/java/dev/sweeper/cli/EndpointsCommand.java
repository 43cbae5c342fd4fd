package dev.sweeper.cli;

import picocli.CommandLine.Command;

@Command(name = "endpoints", mixinStandardHelpOptions = true,
        description = "Real-time and asynchronous inference endpoints.",
        subcommands = EndpointsIdleCommand.class)
final class EndpointsCommand {
}
