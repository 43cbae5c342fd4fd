package dev.sweeper.core;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one price is for: a usage of SageMaker in a region (an instance type used for hosting, a notebook's
 * storage volume, ...), as data. {@link PriceUsages} builds every one of them, one function per kind.
 *
 * @param section the section of a price table that prices it: one a kind's definition declares
 *                ({@link dev.sweeper.core.kinds.KindDefinition#priceSections}: {@code hosting}, {@code notebook}, ...,
 *                {@code storage}); {@code serverless} has no table section
 * @param item    its key in that section: an instance type, a TrackingServerSize, {@code workspace},
 *                {@code notebook} / {@code studio} for storage
 * @param variant what else tells AWS's prices apart (a Studio app's type), null when nothing
 * @param region  the resource's own region
 * @param filters the TERM_MATCH filters that select its one product in AWS's price list (service code
 *                {@link PriceUsages#SERVICE_CODE}); empty when the usage's attributes in AWS's price list could
 *                not be established, so that it is never asked for
 */
public record PriceUsage(String section, String item, String variant, String region, List<Term> filters) {

    /**
     * A section of the price table, as a kind's definition declares it: its name, what its keys look like (an
     * instance type, {@code workspace}, a TrackingServerSize), said in words and by an example entry.
     */
    public record Section(String name, Pattern keys, String keyHelp, String example) {
        /** An instance type's name: {@code ml.m5.xlarge}, {@code ml.p6-b200.48xlarge}. */
        public static final Pattern INSTANCE_TYPE = Pattern.compile("ml\\.[a-z0-9]+(-[a-z0-9]+)*\\.[a-z0-9]+");

        /**
         * Storage that outlives compute, USD per GB-month: {@code notebook} (a notebook instance's ML storage
         * volume), {@code studio} (a Studio space's EBS volume); shared by the kinds that have such a volume.
         */
        public static final Section STORAGE = new Section("storage", Pattern.compile("notebook|studio"),
                "notebook or studio", "notebook: 0.14");

        public Section {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(keys, "keys");
        }

        /** A section keyed by instance type, USD per instance-hour. */
        public static Section byInstanceType(String name) {
            return new Section(name, INSTANCE_TYPE, "ml.<family>.<size>, e.g. ml.m5.xlarge", "ml.m5.xlarge: 0.23");
        }

        /** Whether its keys are instance types. */
        public boolean byInstanceType() {
            return keys == INSTANCE_TYPE;
        }
    }

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
