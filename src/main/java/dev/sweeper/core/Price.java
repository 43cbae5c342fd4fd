package dev.sweeper.core;

/**
 * One price, where it came from, and whose region it is.
 *
 * @param usd          USD per hour (per GB-month for storage)
 * @param source       null when the price book does not say (a plain test double)
 * @param borrowedFrom the region whose price stood in for the usage's own region (a price table with no price of
 *                     that region's own gives its home region's); null when the price is the usage's region's own
 *                     (AWS's price list always answers for the region itself)
 */
public record Price(double usd, PriceSource source, String borrowedFrom) {

    /** A price of the usage's own region. */
    public Price(double usd, PriceSource source) {
        this(usd, source, null);
    }
}
