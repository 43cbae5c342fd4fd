package dev.sweeper.lambda;

/**
 * The invocation event cannot be run as asked: no command, an unknown one, args that are not a
 * list of strings, or an output format other than JSON. Nothing was called.
 */
public final class InvalidEventException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidEventException(String message) {
        super(message);
    }
}
