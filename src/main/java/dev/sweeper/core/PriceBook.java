package dev.sweeper.core;

/**
 * Prices by usage ({@link PriceUsage}: an instance type's hour for hosting, a notebook, a Studio app type, ...; a
 * Canvas session-hour; a storage volume's GB-month), whichever kind bills it: {@link PriceUsages} builds the usages,
 * each kind's definition says which it bills.
 */
@FunctionalInterface
public interface PriceBook {
    /** The price of one usage with its source; empty when none is known, never a guess. */
    java.util.Optional<Price> price(PriceUsage usage);

    /**
     * Starts looking up these usages' prices in the background, as soon as the resources are listed, so that the
     * lookups later find them ready. Never waits; by default does nothing.
     */
    default void prefetch(java.util.Collection<PriceUsage> usages) {
    }
}
