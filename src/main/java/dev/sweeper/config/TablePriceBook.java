package dev.sweeper.config;

import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The price table as the core sees it: each usage at its section's price (the sections the kinds declare: hosting,
 * notebook, studio, ...; storage per GB-month).
 */
public final class TablePriceBook implements PriceBook {
    private final Supplier<PriceTable> source;
    private final PriceSource said;
    private volatile PriceTable table;

    public TablePriceBook(PriceTable table) {
        this(() -> table);
    }

    /** Reads the table on first use: a run with nothing to price never parses it. */
    public TablePriceBook(Supplier<PriceTable> source) {
        this(source, null);
    }

    /** A table whose prices are said to come from {@code said} (the team's, or the bundled one). */
    public TablePriceBook(Supplier<PriceTable> source, PriceSource said) {
        this.source = source;
        this.said = said;
    }

    /** The bundled table (config/prices.yaml), read on first use. */
    public static TablePriceBook bundled() {
        return new TablePriceBook(PriceTable::bundled, PriceSource.BUNDLED);
    }

    /** A team's own table, on its own: what it does not list is looked up elsewhere. */
    public static TablePriceBook team(PriceTable own) {
        return new TablePriceBook(() -> own, PriceSource.TEAM);
    }

    /**
     * The table's price for one usage, by its section and key, with the region it is borrowed from when the table
     * has no price of the usage's region's own; serverless provisioned concurrency has no section.
     */
    @Override
    public Optional<Price> price(PriceUsage usage) {
        PriceTable.Usage section = PriceTable.Usage.find(usage.section());
        if (section == null) {
            return Optional.empty();
        }
        OptionalDouble p = table().hourly(section, usage.item(), usage.region());
        return p.isPresent()
                ? Optional.of(new Price(p.getAsDouble(), said, table().borrowedFrom(section, usage.item(), usage.region())))
                : Optional.empty();
    }

    public PriceTable table() {
        PriceTable t = table;
        if (t == null) {
            synchronized (this) {
                if (table == null) {
                    table = source.get();
                }
                t = table;
            }
        }
        return t;
    }
}
