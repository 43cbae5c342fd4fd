package dev.sweeper.core;

import java.util.OptionalDouble;

/** Hourly on-demand prices, per kind of usage and instance type. */
public interface PriceBook {
    /**
     * USD per session-hour of the Canvas workspace instance, billed while a Canvas app is InService whatever
     * its instance type. Empty when no price is known, never a guess.
     */
    default OptionalDouble canvasWorkspaceHourly(String region) {
        return OptionalDouble.empty();
    }

    OptionalDouble hourly(Kind kind, String instanceType, String region);
}
