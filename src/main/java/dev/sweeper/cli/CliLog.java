package dev.sweeper.cli;

import dev.sweeper.core.Log;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/** Writes logs to stderr: warnings and info unless --quiet, details only with -v, progress only on a terminal. */
final class CliLog implements Log {
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean terminal;
    /** Progress appears only once a run has taken this long: quick runs stay quiet. */
    private final long progressAfterNanos = 1_000_000_000L;
    private final LongSupplier nanoTime;
    private final long started;
    private boolean progressShown;

    CliLog(PrintWriter err, boolean verbose, boolean quiet, boolean terminal) {
        this(err, verbose, quiet, terminal, System::nanoTime);
    }

    CliLog(PrintWriter err, boolean verbose, boolean quiet, boolean terminal, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.err = err;
        this.verbose = verbose;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    @Override
    public synchronized void warn(String message) {
        if (!quiet) {
            clearProgress();
            err.println("warning: " + message);
            err.flush();
        }
    }

    @Override
    public synchronized void info(String message) {
        if (!quiet) {
            clearProgress();
            err.println(message);
            err.flush();
        }
    }

    @Override
    public synchronized void debug(String message) {
        if (verbose && !quiet) {
            err.println("debug: " + message);
            err.flush();
        }
    }

    @Override
    public synchronized void progress(String message) {
        if (terminal && !quiet && nanoTime.getAsLong() - started >= progressAfterNanos) {
            err.print("\r\033[K" + message);
            err.flush();
            progressShown = true;
        }
    }

    private void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            progressShown = false;
        }
    }

    synchronized void endProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
