package dev.sweeper.cli;

import picocli.CommandLine.Command;

@Command(name = "apps", mixinStandardHelpOptions = true,
        description = "SageMaker Studio apps: JupyterLab, CodeEditor, KernelGateway, ...",
        subcommands = {AppsIdleCommand.class, AppsIdleShutdownCommand.class})
final class AppsCommand {
}
