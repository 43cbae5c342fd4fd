package dev.sweeper.cli;

import dev.sweeper.app.ActionProgress;
import dev.sweeper.core.Action;
import dev.sweeper.core.AuditLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ctrl-C (SIGINT, or SIGTERM) during an {@code --apply} run: a JVM shutdown hook stops the run from starting
 * another action, lets the one in flight finish (a few seconds at most, so that its outcome is audited), and says
 * on stderr what was done, what was left and where the audit log is. The JVM then exits with 128 + the signal's
 * number: 130 for SIGINT, as shells expect.
 */
final class Interruption {
    /** How long the action in flight is given to finish before the report is printed anyway. */
    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(5);

    private final Thread hook;

    private Interruption(Thread hook) {
        this.hook = hook;
    }

    static Interruption register(ActionProgress progress, PrintWriter err, Path auditFile, AuditLog.Run run,
                                 String command) {
        Thread hook = new Thread(() -> {
            progress.interrupt();
            try {
                progress.awaitInFlight(IN_FLIGHT_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            report(progress.snapshot(), auditFile, run, command).forEach(err::println);
            err.flush();
        }, "sweeper-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Interruption(hook);
    }

    /** The run ended on its own: nothing to report on exit. */
    void unregister() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Already interrupted: the hook is running, and reports.
        }
    }

    /** What stderr says, one line each: what was done, failed or skipped, in flight, and never started. */
    static List<String> report(ActionProgress.Snapshot s, Path auditFile, AuditLog.Run run, String command) {
        List<String> lines = new ArrayList<>();
        if (s.planned() == 0) {
            lines.add("interrupted: " + command + " had started no action");
        } else {
            String type = first(s).type();
            lines.add("interrupted: " + command + " stopped after " + s.finished().size() + " of " + s.planned()
                    + " planned " + type + (s.planned() == 1 ? "" : "s") + "; no further one is started");
            add(lines, "done", s.finished(Action.Outcome.DONE), false);
            add(lines, "failed", s.finished(Action.Outcome.FAILED), true);
            add(lines, "skipped", s.finished(Action.Outcome.SKIPPED), true);
            add(lines, "in progress, outcome not known yet (the audit log has it once AWS answered)", s.inProgress(),
                    false);
            add(lines, "left, not started", s.notStarted(), false);
        }
        lines.add("audit log: " + auditFile.toAbsolutePath() + " (run " + run.id() + ")");
        return lines;
    }

    private static ActionProgress.Entry first(ActionProgress.Snapshot s) {
        return !s.finished().isEmpty() ? s.finished().get(0)
                : !s.inProgress().isEmpty() ? s.inProgress().get(0) : s.notStarted().get(0);
    }

    private static void add(List<String> lines, String what, List<ActionProgress.Entry> entries, boolean why) {
        if (entries.isEmpty()) {
            return;
        }
        lines.add("  " + entries.size() + " " + what + ": " + entries.stream()
                .map(e -> e.what() + (why && e.detail() != null ? " (" + e.detail() + ")" : ""))
                .collect(Collectors.joining(", ")));
    }
}
