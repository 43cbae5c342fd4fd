package dev.sweeper.cli;

import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = {"The configuration file: which one is read, and the settings in effect.",
            "Without --config, ./sweeper.yaml is read if it exists, else $XDG_CONFIG_HOME/sweeper/config.yaml "
                + "(XDG_CONFIG_HOME defaults to $HOME/.config)."},
        subcommands = ConfigShowCommand.class)
final class ConfigCommand {
}
