package dev.sweeper.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Waiting for notebooks to reach their final status after a stop or start. */
public final class WaitOptions {
    @Option(names = "--wait", description = "Wait until every notebook acted on reaches its final status.")
    boolean wait;

    @Option(names = "--wait-timeout", paramLabel = "DURATION", converter = Converters.Window.class,
            completionCandidates = Converters.Window.class, description = "How long --wait waits (default: 15m).")
    Duration waitTimeout;

    /** The timeout when waiting was asked for, else null. */
    Duration timeout(ActionOptions actions) {
        if (waitTimeout != null && !wait) {
            throw new UsageException("--wait-timeout is given without --wait");
        }
        if (!wait) {
            return null;
        }
        if (!actions.apply) {
            throw new UsageException("--wait needs --apply: a dry run changes nothing to wait for");
        }
        return waitTimeout == null ? Duration.ofMinutes(15) : waitTimeout;
    }
}
