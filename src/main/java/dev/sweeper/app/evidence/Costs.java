package dev.sweeper.app.evidence;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.Money;
import dev.sweeper.core.Price;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.PriceSource;
import dev.sweeper.core.PriceUsage;
import dev.sweeper.core.PriceUsages;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Variant;
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

    /** The hourly compute cost with the source of its prices. */
    public Priced hourlyPriced(Resource r) {
        if (Evaluator.isCanvas(r)) {
            return canvas(r);
        }
        if (r.kind() == Kind.APP && Evaluator.SYSTEM_INSTANCE.equals(r.instanceType())) {
            return Priced.FREE;
        }
        if (r.kind() == Kind.HYPERPOD) {
            return cluster(r);
        }
        if (r.kind() == Kind.SPACE) {
            return Priced.FREE; // no compute of its own: its apps bill theirs, its EBS volume is its storage cost
        }
        if (r.kind() == Kind.MLFLOW) {
            if (!Evaluator.mlflowRuns(r.status())) {
                return Priced.FREE; // stopped or not running: no server hours
            }
            Optional<Price> p = r.instanceType() == null ? Optional.empty()
                    : prices.price(PriceUsages.mlflow(r.instanceType(), r.region()));
            if (p.isEmpty()) {
                if (warned.add("mlflow")) {
                    log.warn("no price for MLflow tracking servers: the price table has none (AWS's per-size prices "
                            + "are not recorded in it), so their cost is shown as unknown (?); " + FIX
                            + " (section mlflow: Small, Medium, Large)");
                }
                return Priced.UNKNOWN;
            }
            return Priced.of(Money.round(p.get().usd()), p.get());
        }
        if (r.kind() == Kind.ENDPOINT ? !Evaluator.endpointRuns(r.status()) : !Evaluator.IN_SERVICE.equals(r.status())) {
            return Priced.FREE; // stopped, failed, being created or deleted: not billed as running
        }
        if (r.kind() == Kind.ENDPOINT) {
            if (r.endpoint() == null || !r.endpoint().described()) {
                return Priced.UNKNOWN; // not described (active endpoints during endpoints idle): type unknown
            }
            // The live instance counts of every production and shadow variant.
            double total = 0;
            PriceSource source = null;
            String borrowed = null;
            for (Variant v : r.endpoint().variants()) {
                if (v.serverless() && v.provisionedConcurrency() > 0) {
                    // Billed while idle, per second by memory size; its usage in AWS's price list is not established (see
                    // PriceUsages), so only a table could price it, and none has a section for it.
                    Optional<Price> p = prices.price(PriceUsages.provisionedConcurrency(r.region()));
                    if (p.isEmpty()) {
                        if (warned.add("provisioned-concurrency")) {
                            log.warn("no price for serverless provisioned concurrency: its cost is shown as unknown (?);"
                                    + " AWS bills it per second by the endpoint's memory size, which the sweeper does not"
                                    + " read, and the price table has no section for it");
                        }
                        return Priced.UNKNOWN;
                    }
                    total += p.get().usd() * v.provisionedConcurrency();
                    source = PriceSource.weakest(source, p.get().source());
                    borrowed = borrowed != null ? borrowed : p.get().borrowedFrom();
                    continue;
                }
                if (v.serverless() || v.instanceCount() == 0) {
                    continue; // billed per request, or scaled to zero: nothing while idle
                }
                Optional<Price> p = price(v.instanceType() == null ? null : PriceUsages.hosting(v.instanceType(), r.region()),
                        Kind.ENDPOINT, v.instanceType());
                if (p.isEmpty()) {
                    return Priced.UNKNOWN;
                }
                total += p.get().usd() * v.instanceCount();
                source = PriceSource.weakest(source, p.get().source());
                borrowed = borrowed != null ? borrowed : p.get().borrowedFrom();
            }
            return new Priced(Money.round(total), source, borrowed);
        }
        PriceUsage usage = r.instanceType() == null ? null : switch (r.kind()) {
            case NOTEBOOK -> PriceUsages.notebook(r.instanceType(), r.region());
            case APP -> PriceUsages.studio(r.app() == null ? null : r.app().appType(), r.instanceType(), r.region());
            default -> null;
        };
        Optional<Price> p = price(usage, r.kind(), r.instanceType());
        if (p.isEmpty()) {
            return Priced.UNKNOWN;
        }
        int count = r.instanceCount() == null ? 1 : r.instanceCount();
        return Priced.of(Money.round(p.get().usd() * count), p.get());
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
                log.warn("no storage price for " + (r.kind() == Kind.NOTEBOOK ? "notebook ML storage"
                        : "Studio space EBS") + " volumes: their monthly storage cost is shown as unknown (?); " + FIX
                        + " (section storage: " + (r.kind() == Kind.NOTEBOOK ? "notebook" : "studio") + ")");
            }
            return Priced.UNKNOWN;
        }
        return Priced.of(Money.cents(gb * p.get().usd()), p.get());
    }

    /**
     * A HyperPod cluster bills each instance of each instance group, its restricted ones included, at the instance's
     * type: a group's CurrentCount of its InstanceType, or, for a flexible group, each InstanceTypeDetails entry's
     * CurrentCount of that type. A group on a training plan was paid for up front with the plan (AWS's
     * TrainingPlanOffering has an UpfrontFee): nothing of it is saved, so it counts 0. Not described (groups unknown),
     * a group with instances but no type, or a type without a price: null, never a guess.
     */
    private Priced cluster(Resource r) {
        if (r.cluster() == null) {
            return Priced.UNKNOWN;
        }
        double total = 0;
        PriceSource source = null;
        String borrowed = null;
        for (Resource.InstanceGroup g : r.cluster().groups()) {
            if (g.prepaid()) {
                continue;
            }
            Map<String, Integer> byType = !g.instancesByType().isEmpty() ? g.instancesByType()
                    : g.currentCount() == 0 ? Map.of() : java.util.Collections.singletonMap(g.instanceType(), g.currentCount());
            for (Map.Entry<String, Integer> e : byType.entrySet()) {
                if (e.getValue() == null || e.getValue() == 0) {
                    continue;
                }
                Optional<Price> p = price(e.getKey() == null ? null : PriceUsages.hyperpod(e.getKey(), r.region()),
                        Kind.HYPERPOD, e.getKey());
                if (p.isEmpty()) {
                    return Priced.UNKNOWN;
                }
                total += p.get().usd() * e.getValue();
                source = PriceSource.weakest(source, p.get().source());
                borrowed = borrowed != null ? borrowed : p.get().borrowedFrom();
            }
        }
        return new Priced(Money.round(total), source, borrowed);
    }

    /**
     * A Canvas app bills its workspace instance per session-hour while InService, whatever instance type it lists:
     * never free as a {@code system} app is. No price known: null with one warning, never a guess.
     */
    private Priced canvas(Resource r) {
        if (!Evaluator.IN_SERVICE.equals(r.status())) {
            return Priced.FREE;
        }
        Optional<Price> p = prices.price(PriceUsages.canvas(r.region()));
        if (p.isEmpty()) {
            if (warned.add("canvas")) {
                log.warn("no price for the Canvas workspace instance: the price table has none, so the cost of "
                        + "Canvas apps is shown as unknown (?); " + FIX + " (section canvas: workspace)");
            }
            return Priced.UNKNOWN;
        }
        return Priced.of(Money.round(p.get().usd()), p.get());
    }

    private Optional<Price> price(PriceUsage usage, Kind kind, String type) {
        if (usage == null) {
            return Optional.empty();
        }
        Optional<Price> p = prices.price(usage);
        // Once per instance type, whichever kind it is first missing for: the fix (a price table
        // entry for that type) is one, however many resources and kinds wear it.
        if (p.isEmpty() && warned.add(type)) {
            log.warn("no " + kind.id() + " price for instance type " + type
                    + ": the cost of what runs on it is shown as unknown (?) and left out of the totals; " + FIX);
        }
        return p;
    }
}
