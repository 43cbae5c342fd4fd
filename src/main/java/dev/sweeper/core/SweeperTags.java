package dev.sweeper.core;

/** The tags the sweeper itself writes on resources, and reads back on later runs. */
public final class SweeperTags {
    /** On a notebook the sweeper stopped: when (ISO-8601). {@code start-notebooks --only-swept} starts only these. */
    public static final String STOPPED_AT = "sweeper:stopped-at";

    private SweeperTags() {
    }
}
