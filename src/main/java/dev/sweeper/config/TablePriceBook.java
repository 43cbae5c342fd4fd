package dev.sweeper.config;

import dev.sweeper.core.Kind;
import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The price table as the core sees it: notebooks at notebook prices, endpoints at hosting, apps at Studio;
 * notebook ML storage and Studio space EBS volumes per GB-month.
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
        PriceTable.Usage section;
        try {
            section = PriceTable.Usage.valueOf(usage.section().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
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

    /** A Canvas app's workspace instance, per session-hour whatever its instance type (the table's canvas usage). */
    @Override
    public OptionalDouble canvasWorkspaceHourly(String region) {
        return table().hourly(PriceTable.Usage.CANVAS, "workspace", region);
    }

    @Override
    public OptionalDouble hourly(Kind kind, String instanceType, String region) {
        PriceTable.Usage usage = usage(kind);
        return usage == null ? OptionalDouble.empty() : table().hourly(usage, instanceType, region);
    }

    private static PriceTable.Usage usage(Kind kind) {
        return switch (kind) {
            case SPACE -> null; // no compute of its own: only its storage bills
            case NOTEBOOK -> PriceTable.Usage.NOTEBOOK;
            case ENDPOINT -> PriceTable.Usage.HOSTING;
            case APP -> PriceTable.Usage.STUDIO;
            // By TrackingServerSize. The bundled table lists every size as unpriced (no source yet, none
            // guessed); a team's own table (--prices) can price them.
            case MLFLOW -> PriceTable.Usage.MLFLOW;
            // Per instance of each instance group; the bundled table lists every type as unpriced (no source yet).
            case HYPERPOD -> PriceTable.Usage.HYPERPOD;
        };
    }

    /** Notebooks keep their ML storage volume; a Studio space keeps its EBS volume whether an app runs in it or not. */
    @Override
    public OptionalDouble storagePerGbMonth(Kind kind, String region) {
        return switch (kind) {
            case NOTEBOOK -> table().perGbMonth("notebook", region);
            case SPACE -> table().perGbMonth("studio", region);
            default -> OptionalDouble.empty();
        };
    }
}
