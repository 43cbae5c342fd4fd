package dev.sweeper.core;

/**
 * One price and where it came from.
 *
 * @param usd    USD per hour (per GB-month for storage)
 * @param source null when the price book does not say (a plain test double)
 */
public record Price(double usd, PriceSource source) {
}
