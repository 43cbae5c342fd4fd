package dev.sweeper.sandbox.fleet;

/** A fleet file or synthetic spec that cannot be used; the message is one line naming the file and the problem. */
public final class FleetException extends IllegalArgumentException {
    public FleetException(String message) {
        super(message);
    }
}
