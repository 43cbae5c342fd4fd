package dev.sweeper.cli;

import picocli.CommandLine.Option;

/** The guard rails of every command that changes something. */
public final class ActionOptions {
    @Option(names = "--apply", description = "Carry the actions out. Without it, every action is a dry run.")
    boolean apply;

    @Option(names = "--max-actions", paramLabel = "N",
            description = "Refuse the whole run (exit 5) when more than N actions are planned (default: 20).")
    Integer maxActions;
}
