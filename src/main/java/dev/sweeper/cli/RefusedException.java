package dev.sweeper.cli;

/** The run was refused before anything was changed (--expect-account). Exit 5, one line. */
final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
        super(message);
    }
}
