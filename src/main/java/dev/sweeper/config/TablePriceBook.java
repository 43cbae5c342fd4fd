package dev.sweeper.config;

import dev.sweeper.core.Kind;
import dev.sweeper.core.PriceBook;
import java.util.OptionalDouble;

/** The price table as the core sees it: notebooks at notebook prices, endpoints at hosting, apps at Studio. */
public final class TablePriceBook implements PriceBook {
    private final PriceTable table;

    public TablePriceBook(PriceTable table) {
        this.table = table;
    }

    public PriceTable table() {
        return table;
    }

    @Override
    public OptionalDouble hourly(Kind kind, String instanceType, String region) {
        PriceTable.Usage usage = switch (kind) {
            case NOTEBOOK -> PriceTable.Usage.NOTEBOOK;
            case ENDPOINT -> PriceTable.Usage.HOSTING;
            case APP -> PriceTable.Usage.STUDIO;
        };
        return table.hourly(usage, instanceType, region);
    }
}
