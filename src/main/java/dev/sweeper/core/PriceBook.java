package dev.sweeper.core;

import java.util.OptionalDouble;

/** Hourly on-demand prices, per kind of usage and instance type; storage per GB-month. */
public interface PriceBook {
    OptionalDouble hourly(Kind kind, String instanceType, String region);

    /**
     * USD per GB-month of the storage volume a resource of this kind keeps while its compute is
     * stopped or gone: a notebook instance's ML storage volume, a Studio space's EBS volume (the
     * kind of the apps that run in it). Empty when no price is known, never a guess.
     */
    default OptionalDouble storagePerGbMonth(Kind kind, String region) {
        return OptionalDouble.empty();
    }
}
