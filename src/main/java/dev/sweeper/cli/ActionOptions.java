package dev.sweeper.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The guard rails of every command that changes something. */
public final class ActionOptions {
    @Option(names = "--apply", description = "Carry the actions out. Without it, every action is a dry run.")
    boolean apply;

    @Option(names = "--max-actions", paramLabel = "N",
            description = "Refuse the whole run (exit 5) when more than N actions are planned (default: 20).")
    Integer maxActions;

    @Option(names = "--audit-log", paramLabel = "FILE|cloudwatch-logs:GROUP",
            description = "Append every action, planned and done, as JSON lines to this file, or to this CloudWatch "
                    + "Logs group (a stream per run, in the first region) (default: $SWEEPER_AUDIT_LOG, audit-log in "
                    + "the config, else $XDG_STATE_HOME/sweeper/audit.jsonl).")
    Path auditLog;
}
