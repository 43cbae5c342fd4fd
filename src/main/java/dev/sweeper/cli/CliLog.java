package dev.sweeper.cli;

import dev.sweeper.app.Log;
import java.io.PrintWriter;

/** Writes logs to stderr: warnings and info unless --quiet, details only with -v, progress only on a terminal. */
final class CliLog implements Log {
    private final PrintWriter err;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean terminal;

    CliLog(PrintWriter err, boolean verbose, boolean quiet, boolean terminal) {
        this.err = err;
        this.verbose = verbose;
        this.quiet = quiet;
        this.terminal = terminal;
    }

    @Override
    public synchronized void warn(String message) {
        if (!quiet) {
            err.println("warning: " + message);
            err.flush();
        }
    }

    @Override
    public synchronized void info(String message) {
        if (!quiet) {
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
        if (terminal && !quiet) {
            err.print("\r\033[K" + message);
            err.flush();
        }
    }

    synchronized void endProgress() {
        if (terminal && !quiet) {
            err.print("\r\033[K");
            err.flush();
        }
    }
}
