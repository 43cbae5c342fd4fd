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

    /**
     * The price of one usage ({@link PriceUsages} builds them) with its source; empty when none is known, never a
     * guess. By default the lookups above, with no source said.
     */
    default java.util.Optional<Price> price(PriceUsage usage) {
        OptionalDouble p = switch (usage.section()) {
            case "hosting" -> hourly(Kind.ENDPOINT, usage.item(), usage.region());
            case "notebook" -> hourly(Kind.NOTEBOOK, usage.item(), usage.region());
            case "studio" -> hourly(Kind.APP, usage.item(), usage.region());
            case "hyperpod" -> hourly(Kind.HYPERPOD, usage.item(), usage.region());
            case "mlflow" -> hourly(Kind.MLFLOW, usage.item(), usage.region());
            case "canvas" -> canvasWorkspaceHourly(usage.region());
            case "storage" -> storagePerGbMonth("notebook".equals(usage.item()) ? Kind.NOTEBOOK : Kind.SPACE,
                    usage.region());
            default -> OptionalDouble.empty();
        };
        return p.isPresent() ? java.util.Optional.of(new Price(p.getAsDouble(), null)) : java.util.Optional.empty();
    }

    /**
     * Starts looking up these usages' prices in the background, as soon as the resources are listed, so that the
     * lookups later find them ready. Never waits; by default does nothing.
     */
    default void prefetch(java.util.Collection<PriceUsage> usages) {
    }
}
