package dev.sweeper.core;

import java.util.List;
import java.util.Objects;

/**
 * What one price is for: a usage of SageMaker in a region (an instance type used for hosting, a notebook's
 * storage volume, ...), as data. {@link PriceUsages} builds every one of them, one function per kind.
 *
 * @param section the section of a price table that prices it ({@code hosting}, {@code notebook}, {@code studio},
 *                {@code hyperpod}, {@code canvas}, {@code mlflow}, {@code storage}; {@code serverless} has no
 *                table section)
 * @param item    its key in that section: an instance type, a TrackingServerSize, {@code workspace},
 *                {@code notebook} / {@code studio} for storage
 * @param variant what else tells AWS's prices apart (a Studio app's type), null when nothing
 * @param region  the resource's own region
 * @param filters the TERM_MATCH filters that select its one product in AWS's price list (service code
 *                {@link PriceUsages#SERVICE_CODE}); empty when the usage's attributes in AWS's price list could
 *                not be established, so that it is never asked for
 */
public record PriceUsage(String section, String item, String variant, String region, List<Term> filters) {

    /** A TERM_MATCH filter of pricing:GetProducts: the product's attribute {@code field} equals {@code value}. */
    public record Term(String field, String value) {
        public Term {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    public PriceUsage {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(item, "item");
        filters = filters == null ? List.of() : List.copyOf(filters);
    }

    /** The usage without its region, e.g. {@code hosting:ml.m5.xlarge}, {@code studio:JupyterLab:ml.t3.medium}. */
    public String key() {
        return section + ":" + (variant == null ? "" : variant + ":") + item;
    }

    /** Whether AWS's price list can be asked for it. */
    public boolean inAwsPriceList() {
        return !filters.isEmpty() && region != null;
    }
}
