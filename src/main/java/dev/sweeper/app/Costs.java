package dev.sweeper.app;

import dev.sweeper.core.Evaluator;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Log;
import dev.sweeper.core.Money;
import dev.sweeper.core.PriceBook;
import dev.sweeper.core.Resource;
import dev.sweeper.core.Variant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hourly cost = price × instance count, summed over an endpoint's variants. An unknown instance
 * type gets no cost (null) and one warning per instance type, never a guessed number.
 */
final class Costs {
    private final PriceBook prices;
    private final Log log;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    Costs(PriceBook prices, Log log) {
        this.prices = prices;
        this.log = log;
    }

    Double hourly(Resource r) {
        if (Evaluator.isCanvas(r)) {
            return canvas(r);
        }
        if (r.kind() == Kind.APP && Evaluator.SYSTEM_INSTANCE.equals(r.instanceType())) {
            return 0.0;
        }
        if (r.kind() == Kind.HYPERPOD) {
            return cluster(r);
        }
        if (r.kind() == Kind.SPACE) {
            return 0.0; // no compute of its own: its apps bill theirs, its EBS volume is its storage cost
        }
        if (r.kind() == Kind.MLFLOW) {
            if (!Evaluator.mlflowRuns(r.status())) {
                return 0.0; // stopped or not running: no server hours
            }
            OptionalDouble p = r.instanceType() == null ? OptionalDouble.empty()
                    : prices.hourly(Kind.MLFLOW, r.instanceType(), r.region());
            if (p.isEmpty()) {
                if (warned.add("mlflow")) {
                    log.warn("no price for MLflow tracking servers: the price table has none (AWS's per-size prices "
                            + "are not recorded in it), so their cost is shown as unknown (?); " + FIX
                            + " (section mlflow: Small, Medium, Large)");
                }
                return null;
            }
            return Money.round(p.getAsDouble());
        }
        if (r.kind() == Kind.ENDPOINT ? !Evaluator.endpointRuns(r.status()) : !Evaluator.IN_SERVICE.equals(r.status())) {
            return 0.0; // stopped, failed, being created or deleted: not billed as running
        }
        if (r.kind() == Kind.ENDPOINT) {
            if (r.endpoint() == null || !r.endpoint().described()) {
                return null; // not described (active endpoints during endpoints idle): type unknown
            }
            // The live instance counts of every production and shadow variant.
            double total = 0;
            for (Variant v : r.endpoint().variants()) {
                if (v.serverless() && v.provisionedConcurrency() > 0) {
                    // Billed while idle, but the price table has no price for it: unknown, never a guess.
                    if (warned.add("provisioned-concurrency")) {
                        log.warn("no price for serverless provisioned concurrency: its cost is shown as unknown (?);"
                                + " the price table has no section for it");
                    }
                    return null;
                }
                if (v.serverless() || v.instanceCount() == 0) {
                    continue; // billed per request, or scaled to zero: nothing while idle
                }
                OptionalDouble p = price(Kind.ENDPOINT, v.instanceType(), r.region());
                if (p.isEmpty()) {
                    return null;
                }
                total += p.getAsDouble() * v.instanceCount();
            }
            return Money.round(total);
        }
        OptionalDouble p = price(r.kind(), r.instanceType(), r.region());
        if (p.isEmpty()) {
            return null;
        }
        int count = r.instanceCount() == null ? 1 : r.instanceCount();
        return Money.round(p.getAsDouble() * count);
    }

    /**
     * The region whose prices stood in for the resource's own in {@link #hourly} or {@link #storageMonthly}: the
     * price table has none of its region's own, so the figure is borrowed (and said to be, next to it); null when
     * every price used is its own region's, or none was found. One warning per region, naming the fix.
     */
    String borrowedFrom(Resource r) {
        String from = null;
        if (r.storageGb() != null && !"Deleted".equals(r.status()) && !"Deleting".equals(r.status())) {
            from = prices.storageBorrowedFrom(r.kind(), r.region());
        }
        if (from == null) {
            from = computeBorrowedFrom(r);
        }
        if (from != null && warned.add("region:" + r.region())) {
            log.warn("the price table has no prices of " + r.region() + "'s own: its costs use " + from
                    + "'s, marked as borrowed (\"hourlyCostStatus\": \"borrowed-region\", \"priceRegion\": \"" + from
                    + "\"); to price " + r.region() + " itself, add a regions: " + r.region() + ": section to a price "
                    + "table of your own (" + PRICE_TABLE_OPTION + ")");
        }
        return from;
    }

    /** The fix every missing-price warning names. */
    private static final String FIX = "to price it, add it to a price table of your own (" + "prices: FILE in the config, "
            + "or --prices FILE for scan and report; same format as config/prices.yaml)";

    /** How to give the sweeper a price table of one's own: what every price warning names as the fix. */
    static final String PRICE_TABLE_OPTION = "prices: FILE in the config, or --prices FILE for scan and report;"
            + " same format as config/prices.yaml";

    private String computeBorrowedFrom(Resource r) {
        if (Evaluator.isCanvas(r)) {
            return Evaluator.IN_SERVICE.equals(r.status()) ? prices.canvasBorrowedFrom(r.region()) : null;
        }
        switch (r.kind()) {
            case SPACE:
                return null;
            case HYPERPOD:
                if (r.cluster() == null) {
                    return null;
                }
                for (Resource.InstanceGroup g : r.cluster().groups()) {
                    String from = g.currentCount() == 0 ? null
                            : prices.hourlyBorrowedFrom(Kind.HYPERPOD, g.instanceType(), r.region());
                    if (from != null) {
                        return from;
                    }
                }
                return null;
            case ENDPOINT:
                if (r.endpoint() == null || !Evaluator.endpointRuns(r.status())) {
                    return null;
                }
                for (Variant v : r.endpoint().variants()) {
                    String from = v.serverless() || v.instanceCount() == 0 ? null
                            : prices.hourlyBorrowedFrom(Kind.ENDPOINT, v.instanceType(), r.region());
                    if (from != null) {
                        return from;
                    }
                }
                return null;
            case MLFLOW:
                return r.instanceType() == null || !Evaluator.mlflowRuns(r.status()) ? null
                        : prices.hourlyBorrowedFrom(Kind.MLFLOW, r.instanceType(), r.region());
            default:
                // Not running, or a system app: nothing priced, nothing borrowed.
                return r.instanceType() == null || !Evaluator.IN_SERVICE.equals(r.status())
                        || Evaluator.SYSTEM_INSTANCE.equals(r.instanceType()) ? null
                        : prices.hourlyBorrowedFrom(r.kind(), r.instanceType(), r.region());
        }
    }

    /**
     * The storage volume that outlives the compute, USD a month: size × price per GB-month, billed whatever
     * the status (a stopped notebook keeps its ML storage volume). Null when there is no volume, its size was
     * not read, or no price is known (one warning per kind, never a guess).
     */
    Double storageMonthly(Resource r) {
        Integer gb = r.storageGb();
        if (gb == null || "Deleted".equals(r.status()) || "Deleting".equals(r.status())) {
            return null;
        }
        OptionalDouble p = prices.storagePerGbMonth(r.kind(), r.region());
        if (p.isEmpty()) {
            if (warned.add("storage:" + r.kind().id())) {
                log.warn("no storage price for " + (r.kind() == Kind.NOTEBOOK ? "notebook ML storage"
                        : "Studio space EBS") + " volumes: their monthly storage cost is shown as unknown (?); " + FIX
                        + " (section storage: " + (r.kind() == Kind.NOTEBOOK ? "notebook" : "studio") + ")");
            }
            return null;
        }
        return Money.cents(gb * p.getAsDouble());
    }

    /**
     * A HyperPod cluster bills each instance of each instance group, its restricted ones included, at the instance's
     * type: a group's CurrentCount of its InstanceType, or, for a flexible group, each InstanceTypeDetails entry's
     * CurrentCount of that type. A group on a training plan was paid for up front with the plan (AWS's
     * TrainingPlanOffering has an UpfrontFee): nothing of it is saved, so it counts 0. Not described (groups unknown),
     * a group with instances but no type, or a type without a price: null, never a guess.
     */
    private Double cluster(Resource r) {
        if (r.cluster() == null) {
            return null;
        }
        double total = 0;
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
                OptionalDouble p = price(Kind.HYPERPOD, e.getKey(), r.region());
                if (p.isEmpty()) {
                    return null;
                }
                total += p.getAsDouble() * e.getValue();
            }
        }
        return Money.round(total);
    }

    /**
     * A Canvas app bills its workspace instance per session-hour while InService, whatever instance type it lists:
     * never free as a {@code system} app is. No price known: null with one warning, never a guess.
     */
    private Double canvas(Resource r) {
        if (!Evaluator.IN_SERVICE.equals(r.status())) {
            return 0.0;
        }
        OptionalDouble p = prices.canvasWorkspaceHourly(r.region());
        if (p.isEmpty()) {
            if (warned.add("canvas")) {
                log.warn("no price for the Canvas workspace instance: the price table has none, so the cost of "
                        + "Canvas apps is shown as unknown (?); " + FIX + " (section canvas: workspace)");
            }
            return null;
        }
        return Money.round(p.getAsDouble());
    }

    private OptionalDouble price(Kind kind, String type, String region) {
        if (type == null) {
            return OptionalDouble.empty();
        }
        OptionalDouble p = prices.hourly(kind, type, region);
        // Once per instance type, whichever kind it is first missing for: the fix (a price table
        // entry for that type) is one, however many resources and kinds wear it.
        if (p.isEmpty() && warned.add(type)) {
            log.warn("no " + kind.id() + " price for instance type " + type
                    + ": the cost of what runs on it is shown as unknown (?) and left out of the totals; " + FIX);
        }
        return p;
    }
}
