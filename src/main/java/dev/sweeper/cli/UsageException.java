package dev.sweeper.cli;

/** The user asked for something that cannot be done as asked. Exit 2, one line, no stack trace. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
