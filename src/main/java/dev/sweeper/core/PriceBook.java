package dev.sweeper.core;

import java.util.OptionalDouble;

/** Hourly on-demand prices, per kind of usage and instance type; storage per GB-month. */
public interface PriceBook {
    /**
     * USD per session-hour of the Canvas workspace instance, billed while a Canvas app is InService whatever
     * its instance type. Empty when no price is known, never a guess.
     */
    default OptionalDouble canvasWorkspaceHourly(String region) {
        return OptionalDouble.empty();
    }

    OptionalDouble hourly(Kind kind, String instanceType, String region);

    /**
     * USD per GB-month of the storage volume a resource of this kind keeps while its compute is
     * stopped or gone: a notebook instance's ML storage volume, a Studio space's EBS volume. Empty when no price is known, never a guess.
     */
    default OptionalDouble storagePerGbMonth(Kind kind, String region) {
        return OptionalDouble.empty();
    }
}
