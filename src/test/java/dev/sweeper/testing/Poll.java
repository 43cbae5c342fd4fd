package dev.sweeper.testing;

import java.time.Duration;

/** Waits for a state change by asking again, not by sleeping a guessed time. */
public final class Poll {
    private static final Duration EVERY = Duration.ofMillis(50);

    private Poll() {
    }

    /** A check that may fail: an assertion, or a call that throws until the state is reached. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    /** Runs the check until it passes, at most 10 seconds; then its last failure is the test's. */
    public static void until(Check check) throws Exception {
        until(Duration.ofSeconds(10), check);
    }

    public static void until(Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(EVERY.toMillis());
        }
    }
}
