package dev.sweeper.config;

import dev.sweeper.core.Kind;
import dev.sweeper.core.PriceBook;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/** The price table as the core sees it: notebooks at notebook prices, endpoints at hosting, apps at Studio. */
public final class TablePriceBook implements PriceBook {
    private final Supplier<PriceTable> source;
    private volatile PriceTable table;

    public TablePriceBook(PriceTable table) {
        this(() -> table);
    }

    /** Reads the table on first use: a run with nothing to price never parses it. */
    public TablePriceBook(Supplier<PriceTable> source) {
        this.source = source;
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

    /**
     * The price table has no Canvas usage yet: a Canvas app's cost stays unknown rather than priced as a Studio
     * app (its workspace instance is billed per session-hour, not by instance type).
     */
    @Override
    public OptionalDouble canvasWorkspaceHourly(String region) {
        return OptionalDouble.empty();
    }

    @Override
    public OptionalDouble hourly(Kind kind, String instanceType, String region) {
        PriceTable.Usage usage = switch (kind) {
            case NOTEBOOK -> PriceTable.Usage.NOTEBOOK;
            case ENDPOINT -> PriceTable.Usage.HOSTING;
            case APP -> PriceTable.Usage.STUDIO;
            // No MLflow prices in the table: AWS's per-size figures are not recorded yet, and none is guessed.
            case MLFLOW -> null;
            // No HyperPod usage in the table yet: a cluster's cost stays unknown rather than priced at another usage.
            case HYPERPOD -> null;
        };
        if (usage == null) {
            return OptionalDouble.empty();
        }
        return table().hourly(usage, instanceType, region);
    }
}
