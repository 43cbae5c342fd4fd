package dev.sweeper.report;

import dev.sweeper.core.Durations;
import dev.sweeper.core.Finding;
import dev.sweeper.core.Kind;
import dev.sweeper.core.Money;
import dev.sweeper.core.Resource;
import dev.sweeper.core.SweepResult;
import dev.sweeper.core.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the running SageMaker resources cost, per kind and in all, what of it is idle, and what
 * sweeping the unprotected idle ones would save (compute). Built from a {@link SweepResult}; exempt
 * resources (stopped, serverless, system apps) cost no compute and are only counted. Storage volumes
 * that outlive compute, stopped notebooks' included, are reported apart ({@link Storage}).
 *
 * @param evaluatedAt           when the findings were evaluated
 * @param generatedAt           when this report was made
 * @param window                the evaluation window; null if none
 * @param kinds                 one section per kind present in the findings, in {@link Kind} order
 * @param totals                all kinds together
 * @param unpriced              running resources whose price is unknown, counted by instance type;
 *                              their cost is in no total
 * @param studioIdleShutdownOff Studio domains, spaces and user profiles whose own idle shutdown is
 *                              off, with their running apps of the types it governs (JupyterLab, Code Editor):
 *                              turning it on is the lasting fix for those
 * @param problems              failures not about one resource, carried over from the result
 * @param notebooksWithoutAutostop notebooks whose lifecycle configuration installs no idle checker (or could
 *                              not be read): {@code sweeper autostop-notebooks} is the lasting fix
 * @param storage               storage volumes that outlive compute (notebook ML storage, Studio space EBS),
 *                              running or stopped: billed per GB-month whatever the compute does. The totals'
 *                              costs and savings are compute only: stopping a notebook or deleting an app leaves
 *                              its volume, and its storage cost, in place
 */
public record CostReport(Instant evaluatedAt, Instant generatedAt, Duration window, List<KindSection> kinds,
                         Totals totals, List<UnpricedType> unpriced, List<StudioPlace> studioIdleShutdownOff,
                         List<String> problems, List<UncoveredNotebook> notebooksWithoutAutostop, Storage storage) {

    /**
     * One storage volume: a notebook's ML storage volume, or a Studio space's EBS volume.
     *
     * @param monthlyCost USD a month; null when its price is unknown
     * @param sweepable   its notebook, or an app in its space, is idle and unprotected: sweeping stops (or deletes)
     *                    the compute, the volume stays
     */
    public record Volume(Kind kind, String name, String region, String status, Verdict verdict, int sizeGb,
                         Double monthlyCost, boolean sweepable) {
    }

    /**
     * @param monthly     the priced volumes together, USD a month
     * @param unpriced    volumes whose price is unknown, in no total
     * @param keptMonthly of {@code monthly}, the volumes of sweepable resources: what sweeping does not save
     */
    public record Storage(List<Volume> volumes, int totalGb, double monthly, int unpriced, double keptMonthly) {
        public Storage {
            volumes = List.copyOf(volumes);
        }

        static Storage of(List<Finding> findings) {
            List<Volume> volumes = new ArrayList<>();
            // A space's volume stays when sweeping deletes an idle app that runs in it: kept, as a stopped
            // notebook's volume is.
            java.util.Set<String> sweptSpaces = new java.util.HashSet<>();
            for (Finding f : findings) {
                Resource.AppShape app = f.resource().app();
                if (app != null && app.space() != null && f.isSweepable()) {
                    sweptSpaces.add(spaceKey(f.resource(), app.domainId(), app.space()));
                }
            }
            int gb = 0, unpriced = 0;
            double monthly = 0, kept = 0;
            for (Finding f : findings) {
                Resource r = f.resource();
                Integer size = r.storageGb();
                if (size == null || "Deleted".equals(r.status())) {
                    continue;
                }
                String name = r.name();
                boolean sweepable = f.isSweepable();
                if (r.space() != null) {
                    name = r.name() + " (" + r.space().domainId() + ")"; // names repeat across domains
                    sweepable = sweptSpaces.contains(spaceKey(r, r.space().domainId(), r.name()));
                }
                volumes.add(new Volume(r.kind(), name, r.region(), r.status(), f.verdict(), size,
                        f.storageMonthlyCost(), sweepable));
                gb += size;
                if (f.storageMonthlyCost() == null) {
                    unpriced++;
                } else {
                    monthly += f.storageMonthlyCost();
                    if (sweepable) {
                        kept += f.storageMonthlyCost();
                    }
                }
            }
            volumes.sort(Comparator.comparing((Volume v) -> v.monthlyCost() == null ? -1 : v.monthlyCost())
                    .reversed().thenComparing(Volume::name));
            return new Storage(volumes, gb, Money.cents(monthly), unpriced, Money.cents(kept));
        }

        /**
         * By region and domain, not account: an app described for its tags has its account from its ARN, a space (never
         * described) none in a single-account run; domain ids are the account's own.
         */
        private static String spaceKey(Resource r, String domainId, String space) {
            return r.region() + "/" + domainId + "/" + space;
        }
    }

    public CostReport {
        kinds = List.copyOf(kinds);
        unpriced = List.copyOf(unpriced);
        studioIdleShutdownOff = List.copyOf(studioIdleShutdownOff);
        problems = List.copyOf(problems);
        notebooksWithoutAutostop = List.copyOf(notebooksWithoutAutostop);
    }

    /**
     * A notebook that does not stop itself when idle.
     *
     * @param coverage NONE or UNKNOWN (see {@link dev.sweeper.core.AutostopCoverage.State})
     * @param detail   why: no configuration, a script without a checker, a configuration that could not be read
     */
    public record UncoveredNotebook(String name, String region, String status, String coverage, String detail) {
    }

    /**
     * One running resource.
     *
     * @param hourlyCost  null when its price is unknown
     * @param monthlyCost hourly × {@link Money#HOURS_PER_MONTH}, to the cent; null when unknown
     * @param idleFor     for idle resources, how long they have been idle at least; null otherwise
     * @param idleForIsAge true when {@code idleFor} is the resource's age (a Studio app's age
     *                     rule), false when it is the evaluation window
     * @param sweepable   idle and not protected: what sweeping would remove
     * @param reason      the verdict's first reason
     * @param signal      the signal that decided the verdict (notebooks), or null
     * @param storageGb   its storage volume that outlives compute, or null
     * @param storageMonthlyCost that volume a month, or null when none or unpriced
     * @param label              the name as tables show it: a Studio app's with its type and owner, since names
     *                           repeat ("default" in every space); the JSON and CSV keep {@code name}
     * @param priceRegion        the region whose prices its costs borrow (the table has none of its own region's);
     *                           null when they are its own region's
     * @param priceSource        where the price of {@code hourlyCost} comes from, null when unknown or none
     */
    public record Line(Kind kind, String name, String region, Verdict verdict, Boolean isProtected,
                       String instanceType, Integer instanceCount, Double hourlyCost, Double monthlyCost,
                       Duration idleFor, boolean idleForIsAge, boolean sweepable, String reason, String signal,
                       Integer storageGb, Double storageMonthlyCost, String label, String priceRegion,
                       dev.sweeper.core.PriceSource priceSource) {

        public Line {
            label = label == null ? name : label;
        }

        /** {@code ≥ 24h} for a window, {@code 3d (age)} for an age rule, blank when not idle or unknown. */
        public String idleForText() {
            if (verdict != Verdict.IDLE) {
                return "";
            }
            if (idleFor == null) {
                return "?";
            }
            return idleForIsAge ? Durations.format(idleFor) + " (age)" : "\u2265 " + Formats.span(idleFor);
        }

        public boolean isIdle() {
            return verdict == Verdict.IDLE;
        }
    }

    /** The lines of one kind, costliest first, and their totals. */
    public record KindSection(Kind kind, List<Line> lines, Totals totals) {
        public KindSection {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Sums over running resources; costs leave out resources whose price is unknown.
     *
     * @param resources     running (not exempt) resources
     * @param exempt        exempt resources, which cost nothing and are in no other count
     * @param unpriced      running resources with no known price
     * @param idleHourly    all idle resources, protected ones included
     * @param savingHourly  the unprotected idle ones: what sweeping would save
     * @param idleUnpriced  idle resources with no known price: in no idle total, which then leaves them out
     * @param sweepableUnpriced unprotected idle ones with no known price: in no saving
     */
    public record Totals(int resources, int idle, int active, int tooYoung, int unknown, int protectedIdle,
                         int sweepable, int exempt, int unpriced, double hourly, double monthly,
                         double idleHourly, double idleMonthly, double savingHourly, double savingMonthly,
                         int idleUnpriced, int sweepableUnpriced) {

        /** The running cost, {@code $5.41 + ?} when some resource has no known price, {@code ?} when none has. */
        public String hourlyText() {
            return Formats.total(hourly, resources - unpriced, unpriced);
        }

        public String monthlyText() {
            return Formats.monthlyTotal(monthly, resources - unpriced, unpriced);
        }

        public String idleHourlyText() {
            return Formats.total(idleHourly, idle - idleUnpriced, idleUnpriced);
        }

        public String idleMonthlyText() {
            return Formats.monthlyTotal(idleMonthly, idle - idleUnpriced, idleUnpriced);
        }

        public String savingHourlyText() {
            return Formats.total(savingHourly, sweepable - sweepableUnpriced, sweepableUnpriced);
        }

        public String savingMonthlyText() {
            return Formats.monthlyTotal(savingMonthly, sweepable - sweepableUnpriced, sweepableUnpriced);
        }

        static Totals of(List<Line> lines, int exempt) {
            int idle = 0, active = 0, young = 0, unknown = 0, protectedIdle = 0, sweepable = 0, unpriced = 0;
            int idleUnpriced = 0, sweepableUnpriced = 0;
            double hourly = 0, idleHourly = 0, saving = 0;
            for (Line l : lines) {
                switch (l.verdict()) {
                    case IDLE -> idle++;
                    case ACTIVE -> active++;
                    case TOO_YOUNG -> young++;
                    case UNKNOWN -> unknown++;
                    case EXEMPT -> { }
                }
                if (l.isIdle() && Boolean.TRUE.equals(l.isProtected())) {
                    protectedIdle++;
                }
                if (l.sweepable()) {
                    sweepable++;
                }
                if (l.hourlyCost() == null) {
                    unpriced++;
                    idleUnpriced += l.isIdle() ? 1 : 0;
                    sweepableUnpriced += l.sweepable() ? 1 : 0;
                    continue;
                }
                hourly += l.hourlyCost();
                if (l.isIdle()) {
                    idleHourly += l.hourlyCost();
                }
                if (l.sweepable()) {
                    saving += l.hourlyCost();
                }
            }
            return new Totals(lines.size(), idle, active, young, unknown, protectedIdle, sweepable, exempt, unpriced,
                    Money.round(hourly), monthlyOf(hourly), Money.round(idleHourly), monthlyOf(idleHourly),
                    Money.round(saving), monthlyOf(saving), idleUnpriced, sweepableUnpriced);
        }
    }

    /** Running resources of one instance type that have no known price. */
    public record UnpricedType(String instanceType, int count) {
    }

    /**
     * A Studio place with idle shutdown off.
     *
     * @param owner       {@code space X} or {@code user Y}; null for the domain's own setting
     * @param runningApps its apps that are running (not exempt)
     * @param hourlyCost  what those apps cost, where priced
     */
    public record StudioPlace(String domainId, String owner, int runningApps, double hourlyCost) {
        /** {@code domain d-abc, space shared}. */
        public String label() {
            String domain = "domain " + (domainId == null ? "?" : domainId);
            return owner == null ? domain : domain + ", " + owner;
        }
    }

    /** Running resources of every kind, costliest first within each kind. */
    public List<Line> lines() {
        List<Line> all = new ArrayList<>();
        kinds.forEach(k -> all.addAll(k.lines()));
        return all;
    }

    /**
     * The note under a report whose figures borrow another region's prices (the lines' costs are marked with
     * {@code *}); null when none does.
     */
    public String borrowedNote() {
        return Formats.borrowedNote(lines().stream().map(l -> java.util.Map.entry(String.valueOf(l.region()),
                l.priceRegion() == null ? "" : l.priceRegion())));
    }

    /** Every idle resource, costliest first (unknown prices last). */
    public List<Line> idleLines() {
        return lines().stream().filter(Line::isIdle).sorted(COSTLIEST_FIRST).toList();
    }

    static final Comparator<Line> COSTLIEST_FIRST = Comparator
            .comparing((Line l) -> l.hourlyCost() == null ? Double.NEGATIVE_INFINITY : l.hourlyCost())
            .reversed()
            .thenComparing(Line::name);

    public static CostReport of(SweepResult result, Instant now) {
        Objects.requireNonNull(result, "result");
        Map<Kind, List<Line>> byKind = new EnumMap<>(Kind.class);
        Map<Kind, Integer> exemptByKind = new EnumMap<>(Kind.class);
        for (Finding f : result.findings()) {
            Kind kind = f.resource().kind();
            byKind.computeIfAbsent(kind, k -> new ArrayList<>());
            if (f.verdict() == Verdict.EXEMPT) {
                exemptByKind.merge(kind, 1, Integer::sum);
            } else {
                byKind.get(kind).add(line(f, result));
            }
        }
        List<KindSection> sections = new ArrayList<>();
        List<Line> all = new ArrayList<>();
        int exempt = 0;
        for (Map.Entry<Kind, List<Line>> e : byKind.entrySet()) {
            List<Line> lines = e.getValue().stream().sorted(COSTLIEST_FIRST).toList();
            int kindExempt = exemptByKind.getOrDefault(e.getKey(), 0);
            exempt += kindExempt;
            all.addAll(lines);
            sections.add(new KindSection(e.getKey(), lines, Totals.of(lines, kindExempt)));
        }
        return new CostReport(result.evaluatedAt(), now, result.window(), sections, Totals.of(all, exempt),
                unpriced(all), studioPlaces(result.findings()), result.problems(), uncovered(result.findings()),
                Storage.of(result.findings()));
    }

    private static Line line(Finding f, SweepResult result) {
        Resource r = f.resource();
        Duration idleFor = null;
        boolean isAge = false;
        if (f.verdict() == Verdict.IDLE) {
            if (r.kind().definition().idleByAgeOnly(r)) {
                // Idle by an age rule only, as its kind says (KindDefinition.idleByAgeOnly): their age (since their
                // last start, where known) is all we know.
                idleFor = Formats.age(r, result.evaluatedAt());
                isAge = true;
            } else {
                // The evidence covers the window; the idleness may well be older.
                idleFor = result.window();
            }
        }
        Double hourly = f.hourlyCost() == null ? null : Money.round(f.hourlyCost());
        Boolean prot = f.protection() == null ? null : f.protection().isProtected();
        return new Line(r.kind(), r.name(), r.region(), f.verdict(), prot, r.instanceType(), r.instanceCount(),
                hourly, f.hourlyCost() == null ? null : monthlyOf(f.hourlyCost()), idleFor, isAge, f.isSweepable(),
                reportReason(f), f.evaluation().signal(), r.storageGb(), f.storageMonthlyCost(),
                ResultTable.displayName(r), f.priceRegion(), f.priceSource());
    }

    /**
     * The verdict's first reason; for an idle endpoint that could scale to zero instead of being deleted, that
     * alternative and its saving too: keeping the endpoint and its components is worth saying in the report.
     */
    private static String reportReason(Finding f) {
        String first = Formats.firstReason(f);
        return f.reasons().stream().filter(t -> t.startsWith(dev.sweeper.core.Evaluator.SCALE_TO_ZERO)).findFirst()
                .map(t -> first + "; " + t).orElse(first);
    }

    private static List<UnpricedType> unpriced(List<Line> lines) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Line l : lines) {
            if (l.hourlyCost() == null) {
                counts.merge(l.instanceType() == null ? "(unknown type)" : l.instanceType(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new UnpricedType(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(UnpricedType::count).reversed()
                        .thenComparing(UnpricedType::instanceType))
                .toList();
    }

    private static List<UncoveredNotebook> uncovered(List<Finding> findings) {
        return findings.stream()
                .filter(f -> f.resource().notebook() != null
                        && f.resource().notebook().autostop() != null && !f.resource().notebook().autostop().covered())
                .map(f -> new UncoveredNotebook(f.resource().name(), f.resource().region(), f.resource().status(),
                        f.resource().notebook().autostop().state().name(), f.resource().notebook().autostop().detail()))
                .sorted(Comparator.comparing(UncoveredNotebook::region).thenComparing(UncoveredNotebook::name))
                .toList();
    }

    private static List<StudioPlace> studioPlaces(List<Finding> findings) {
        Map<List<String>, double[]> places = new LinkedHashMap<>();
        for (Finding f : findings) {
            Resource.AppShape app = f.resource().app();
            // Only the app types the setting governs (JupyterLab, Code Editor): Canvas and KernelGateway apps have no
            // built-in idle shutdown, so turning it on would not stop them (apps idle-shutdown counts the same way).
            if (app == null || !Boolean.FALSE.equals(app.idleShutdown())
                    || !dev.sweeper.core.StudioIdleShutdown.appliesTo(app.appType())) {
                continue;
            }
            List<String> key = java.util.Arrays.asList(app.domainId(), app.owner());
            double[] acc = places.computeIfAbsent(key, k -> new double[2]);
            if (f.verdict() != Verdict.EXEMPT) {
                acc[0]++;
                if (f.hourlyCost() != null) {
                    acc[1] += f.hourlyCost();
                }
            }
        }
        return places.entrySet().stream()
                .map(e -> new StudioPlace(e.getKey().get(0), e.getKey().get(1), (int) e.getValue()[0],
                        Money.round(e.getValue()[1])))
                .sorted(Comparator.comparingDouble(StudioPlace::hourlyCost).reversed()
                        .thenComparing(StudioPlace::label))
                .toList();
    }

    /** Hourly × 730, to the cent. */
    static double monthlyOf(double hourly) {
        return Math.round(hourly * Money.HOURS_PER_MONTH * 100.0) / 100.0;
    }
}
