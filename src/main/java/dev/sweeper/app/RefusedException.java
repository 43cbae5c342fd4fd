package dev.sweeper.app;

/** The run was refused before anything was changed (--expect-account). Exit 5, one line. */
public final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
        super(message);
    }
}
