package dev.sweeper.cli;

import dev.sweeper.report.OutputFormat;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options that several commands take, each declared once here and mixed in with {@code @Mixin}. */
final class SharedOptions {
    private SharedOptions() {
    }

    /** {@code --output} of every command but report (which has its own formats). */
    static final class Format {
        @Option(names = "--output", paramLabel = "FORMAT", converter = Converters.OutputFormats.class,
                completionCandidates = Converters.OutputFormats.class,
                description = "table, json or csv (default: table on a terminal, json otherwise).")
        OutputFormat output;

        /** The format asked for, else a table on a terminal and JSON for a pipe. */
        OutputFormat orDefault(Environment environment) {
            if (output != null) {
                return output;
            }
            return environment.stdoutIsTerminal() ? OutputFormat.TABLE : OutputFormat.JSON;
        }
    }

    /** {@code --window}: how far back to look for activity. */
    static final class Window {
        @Option(names = "--window", paramLabel = "DURATION", converter = Converters.Window.class,
                completionCandidates = Converters.Window.class,
                description = "How far back to look for activity (default: 24h, or the config's window).")
        Duration window;
    }

    /** {@code --max-age}: the Studio apps' age rule. */
    static final class MaxAge {
        @Option(names = "--max-age", paramLabel = "DURATION", converter = Converters.Window.class,
                completionCandidates = Converters.Window.class,
                description = "Studio apps InService for longer than this are IDLE, by an age rule "
                        + "(default: apps.max-age).")
        Duration maxAge;
    }

    /** {@code --fail-on-idle}: exit 4 for CI. */
    static final class FailOnIdle {
        @Option(names = "--fail-on-idle", description = "Exit 4 when unprotected idle resources are left.")
        boolean failOnIdle;
    }

    /** {@code --idle-only}: act only on what is IDLE. */
    static final class IdleOnly {
        @Option(names = "--idle-only", description = "Only notebooks whose verdict is IDLE over the window.")
        boolean idleOnly;
    }
}
