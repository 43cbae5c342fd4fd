package dev.sweeper.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What the command line reads from the world outside its arguments, injected so that tests can
 * set it: environment variables, whether the streams are terminals, the clock, the poll interval.
 */
public record Environment(Map<String, String> env, boolean stdoutIsTerminal, boolean stderrIsTerminal, Clock clock,
                          Duration pollInterval) {
    public static Environment system() {
        boolean console = System.console() != null;
        return new Environment(System.getenv(), console, console, Clock.systemUTC(), Duration.ofSeconds(10));
    }
}
