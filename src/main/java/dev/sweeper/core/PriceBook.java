package dev.sweeper.core;

import java.util.OptionalDouble;

/** Hourly on-demand prices, per kind of usage and instance type. */
public interface PriceBook {
    OptionalDouble hourly(Kind kind, String instanceType, String region);
}
