package dev.sweeper.cli;

import dev.sweeper.core.Policy;
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
                description = "How far back to look for activity: one value for endpoints, notebooks and Canvas apps "
                        + "(default: each kind's window in the config, else 24h).")
        Duration window;

        /**
         * The policy with this flag applied, the one place it is: one value for every kind judged over an activity
         * window (endpoints, notebooks, Canvas apps: {@link Policy#withWindow}), over the config's per-kind windows.
         */
        Policy over(Policy base) {
            return window == null ? base : base.withWindow(window);
        }
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

    /** {@code --mark}, {@code --grace}: mark now, act later. */
    static final class Mark {
        @Option(names = "--mark", description = "Mark now, act later: tag each IDLE one sweeper:idle-since=<time first "
                + "seen idle> (a mark already there is kept) and remove the tag from one found ACTIVE, instead of acting "
                + "at once (with --apply; a dry run otherwise). With an action and --apply, act only on those marked "
                + "longer than --grace ago and IDLE now.")
        boolean mark;

        @Option(names = "--grace", paramLabel = "DURATION", converter = Converters.Window.class,
                completionCandidates = Converters.Window.class,
                description = "How long a resource stays marked idle before it is acted on (default: 24h). "
                        + "Given without --mark, an action still waits for a mark that old.")
        Duration grace;

        static final Duration DEFAULT_GRACE = Duration.ofHours(24);

        /** Null when neither --mark nor --grace is given: the command acts at once, as before. */
        dev.sweeper.app.SweepRequest.Marking marking() {
            if (!mark && grace == null) {
                return null;
            }
            return new dev.sweeper.app.SweepRequest.Marking(mark, grace == null ? DEFAULT_GRACE : grace);
        }
    }

    /** Stop Amazon Linux 1 and 2 notebooks too (stop-notebooks, schedule, autostop-notebooks --restart-idle). */
    static final class IncludeAl2 {
        @Option(names = "--include-al2", description = "Also stop Amazon Linux 1/2 notebooks, which AWS no longer "
                + "restarts once stopped (skipped without it).")
        boolean includeAl2;
    }

    /** {@code --idle-only}: what every stop does anyway; kept so that the scripts that say it still run. */
    static final class IdleOnly {
        @Option(names = "--idle-only", description = "IDLE ones only: the default, kept for old scripts.")
        boolean idleOnly;
    }

    /** {@code --include-active}: the wider set a stop or delete may reach (SPEC's one rule for acting). */
    static final class IncludeActive {
        @Option(names = "--include-active", description = "Also act on ACTIVE, TOO_YOUNG and UNKNOWN matches, each "
                + "listed on stderr first (never protected ones).")
        boolean includeActive;

        /** --idle-only says the default and --include-active the opposite: both at once is a mistake. */
        void check(boolean idleOnly) {
            if (includeActive && idleOnly) {
                throw new UsageException("--include-active and --idle-only contradict each other: give one of them");
            }
        }
    }
}
