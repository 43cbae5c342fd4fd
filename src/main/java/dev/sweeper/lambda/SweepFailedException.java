package dev.sweeper.lambda;

/**
 * The sweeper ran and failed (exit 1: internal error, exit 2: usage or configuration error), or
 * printed something that is not its JSON result. Thrown so that Lambda marks the invocation failed
 * (the function's Errors metric, the schedule's failure handling).
 */
public final class SweepFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    SweepFailedException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
