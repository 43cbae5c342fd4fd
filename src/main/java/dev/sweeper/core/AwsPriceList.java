package dev.sweeper.core;

import java.util.OptionalDouble;

/** AWS's price list (the Price List Query API, pricing:GetProducts): on-demand list prices in USD. */
public interface AwsPriceList {
    /**
     * The on-demand USD price of the one product the usage's filters select (one GetProducts call); empty when AWS's
     * price list has no such product.
     *
     * @throws AwsCallException when the price list cannot be read (no permission, no network, an error)
     */
    OptionalDouble onDemandUsd(PriceUsage usage);
}
