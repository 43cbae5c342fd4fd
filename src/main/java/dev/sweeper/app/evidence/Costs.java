package dev.sweeper.app.evidence;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Log;
import dev.sweeper.core.Money;
import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.kinds.KindDefinition;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hourly cost = price × instance count, summed over an endpoint's variants. An unknown instance
 * type gets no cost (null) and one warning per instance type, never a guessed number.
 */
public final class Costs {
    private final PriceBook prices;
    private final Log log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public Costs(PriceBook prices, Log log) {
        this.prices = prices;
        this.log = log;
    }

    /**
     * A figure, the source of its prices (null when it needed none, or none is said), and the region whose prices
     * stood in for the resource's own (null when every price used is its own region's, or none was found).
     */
    public record Priced(Double usd, PriceSource source, String borrowedFrom) {
        static final Priced FREE = new Priced(0.0, null, null);
        static final Priced UNKNOWN = new Priced(null, null, null);

        /** One price, rounded as an hourly figure. */
        static Priced of(double usd, Price p) {
            return new Priced(usd, p.source(), p.borrowedFrom());
        }
    }

    Double hourly(Resource r) {
        return hourlyPriced(r).usd();
    }

    /**
     * The hourly compute cost with the source of its prices: price × quantity of each usage its kind bills while it
     * runs ({@link KindDefinition#billed}), summed. Not running: nothing. A usage unknown or without a price: null,
     * never a guess, with one warning per missing price.
     */
    public Priced hourlyPriced(Resource r) {
        KindDefinition definition = r.kind().definition();
        if (!definition.runs(r)) {
            return Priced.FREE; // stopped, failed, being created or deleted: not billed as running
        }
        List<KindDefinition.Billed> billed = definition.billed(r);
        if (billed == null) {
            return Priced.UNKNOWN; // not described: what bills is not known
        }
        double total = 0;
        PriceSource source = null;
        String borrowed = null;
        for (KindDefinition.Billed b : billed) {
            Optional<Price> p = b.usage() == null ? Optional.empty() : prices.price(b.usage());
            if (p.isEmpty()) {
                warnMissing(r, b);
                return Priced.UNKNOWN;
            }
            total += p.get().usd() * b.quantity();
            source = PriceSource.weakest(source, p.get().source());
            borrowed = borrowed != null ? borrowed : p.get().borrowedFrom();
        }
        return new Priced(Money.round(total), source, borrowed);
    }

    /** Says once what has no price, and how to give it one: by the price table's section. */
    private void warnMissing(Resource r, KindDefinition.Billed b) {
        switch (b.section()) {
            case "mlflow" -> {
                if (warned.add("mlflow")) {
                    log.warn("no price for MLflow tracking servers: the price table has none (AWS's per-size prices "
                            + "are not recorded in it), so their cost is shown as unknown (?); " + FIX
                            + " (section mlflow: Small, Medium, Large)");
                }
            }
            case "canvas" -> {
                if (warned.add("canvas")) {
                    log.warn("no price for the Canvas workspace instance: the price table has none, so the cost of "
                            + "Canvas apps is shown as unknown (?); " + FIX + " (section canvas: workspace)");
                }
            }
            case "serverless" -> {
                // Billed while idle, per second by memory size; its usage in AWS's price list is not established (see
                // PriceUsages), so only a table could price it, and none has a section for it.
                if (warned.add("provisioned-concurrency")) {
                    log.warn("no price for serverless provisioned concurrency: its cost is shown as unknown (?);"
                            + " AWS bills it per second by the endpoint's memory size, which the sweeper does not"
                            + " read, and the price table has no section for it");
                }
            }
            default -> {
                // Once per instance type, whichever kind it is first missing for: the fix (a price table
                // entry for that type) is one, however many resources and kinds wear it. An instance type not
                // read is not a missing price.
                String type = b.usage() == null ? null : b.usage().item();
                if (type != null && warned.add(type)) {
                    log.warn("no " + r.kind().id() + " price for instance type " + type
                            + ": the cost of what runs on it is shown as unknown (?) and left out of the totals; " + FIX);
                }
            }
        }
    }

    /**
     * The region whose prices stood in for the resource's own in its figures: the storage price's, else the compute
     * price's, as {@link #storagePriced} and {@link #hourlyPriced} collected them with their sources (the price table
     * has none of the region's own, so the figure is borrowed, and said to be next to it); null when every price
     * used is its own region's, or none was found. One warning per region, naming the fix.
     */
    public String borrowedFrom(Resource r, Priced hourly, Priced storage) {
        String from = storage.borrowedFrom() != null ? storage.borrowedFrom() : hourly.borrowedFrom();
        if (from != null && warned.add("region:" + r.region())) {
            log.warn("the price table has no prices of " + r.region() + "'s own: its costs use " + from
                    + "'s, marked as borrowed (\"hourlyCostStatus\": \"borrowed-region\", \"priceRegion\": \"" + from
                    + "\"); to price " + r.region() + " itself, add a regions: " + r.region() + ": section to a price "
                    + "table of your own (" + PRICE_TABLE_OPTION + ")");
        }
        return from;
    }

    /** As {@link #borrowedFrom(Resource, Priced, Priced)}, looking both figures up. */
    String borrowedFrom(Resource r) {
        return borrowedFrom(r, hourlyPriced(r), storagePriced(r));
    }

    /** The fix every missing-price warning names. */
    private static final String FIX = "to price it, add it to a price table of your own (" + "prices: FILE in the config, "
            + "or --prices FILE for scan and report; same format as config/prices.yaml)";

    /** How to give the sweeper a price table of one's own: what every price warning names as the fix. */
    static final String PRICE_TABLE_OPTION = "prices: FILE in the config, or --prices FILE for scan and report;"
            + " same format as config/prices.yaml";

    /**
     * The storage volume that outlives the compute, USD a month: size × price per GB-month, billed whatever
     * the status (a stopped notebook keeps its ML storage volume). Null when there is no volume, its size was
     * not read, or no price is known (one warning per kind, never a guess).
     */
    Double storageMonthly(Resource r) {
        return storagePriced(r).usd();
    }

    /** The storage volume's monthly cost with the source of its price. */
    public Priced storagePriced(Resource r) {
        Integer gb = r.storageGb();
        PriceUsage usage = PriceUsages.storage(r);
        if (gb == null || usage == null || "Deleted".equals(r.status()) || "Deleting".equals(r.status())) {
            return Priced.UNKNOWN;
        }
        Optional<Price> p = prices.price(usage);
        if (p.isEmpty()) {
            if (warned.add("storage:" + r.kind().id())) {
                log.warn("no storage price for " + ("notebook".equals(usage.item()) ? "notebook ML storage"
                        : "Studio space EBS") + " volumes: their monthly storage cost is shown as unknown (?); " + FIX
                        + " (section storage: " + usage.item() + ")");
            }
            return Priced.UNKNOWN;
        }
        return Priced.of(Money.cents(gb * p.get().usd()), p.get());
    }

}
