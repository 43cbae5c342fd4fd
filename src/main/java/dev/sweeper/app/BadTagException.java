package dev.sweeper.app;

/**
 * A resource carries a tag the sweeper cannot follow (a schedule the config does not name). Found
 * after listing and before any action: exit 2, one line naming the tag.
 */
public final class BadTagException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadTagException(String message) {
        super(message);
    }
}
