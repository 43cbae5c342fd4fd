package dev.sweeper.report;

import dev.sweeper.core.Money;

import java.io.PrintWriter;

/** The whole cost report as one JSON document; camelCase names, stable order, nulls written. */
final class ReportJson {

    private ReportJson() {
    }

    static void render(CostReport report, PrintWriter out) {
        try (Json json = Json.open(out)) {
            json.startObject()
                    .field("evaluatedAt", Formats.iso(report.evaluatedAt()))
                    .field("generatedAt", Formats.iso(report.generatedAt()))
                    .field("window", Formats.iso(report.window()))
                    .field("hoursPerMonth", (int) Money.HOURS_PER_MONTH);
            json.startObject("totals");
            totals(json, report.totals());
            json.endObject();
            json.startArray("kinds");
            for (CostReport.KindSection section : report.kinds()) {
                json.startObject().field("kind", section.kind().id());
                json.startObject("totals");
                totals(json, section.totals());
                json.endObject();
                json.startArray("resources");
                for (CostReport.Line l : section.lines()) {
                    line(json, l);
                }
                json.endArray().endObject();
            }
            json.endArray();
            json.startArray("unpriced");
            for (CostReport.UnpricedType u : report.unpriced()) {
                json.startObject().field("instanceType", u.instanceType()).field("count", u.count()).endObject();
            }
            json.endArray();
            json.startArray("studioIdleShutdownOff");
            for (CostReport.StudioPlace p : report.studioIdleShutdownOff()) {
                json.startObject()
                        .field("domainId", p.domainId())
                        .field("owner", p.owner())
                        .field("runningApps", p.runningApps())
                        .money("hourlyCost", p.hourlyCost())
                        .endObject();
            }
            json.endArray();
            json.startArray("notebooksWithoutAutostop");
            for (CostReport.UncoveredNotebook n : report.notebooksWithoutAutostop()) {
                json.startObject().field("name", n.name()).field("region", n.region()).field("status", n.status())
                        .field("coverage", n.coverage()).field("detail", n.detail()).endObject();
            }
            json.endArray();
            storage(json, report);
            json.strings("problems", report.problems()).endObject();
        }
    }

    /**
     * Additive: storage that outlives compute, and the savings split into compute and storage. The totals'
     * savings are compute; sweeping (stop, delete an endpoint or app) saves no storage: the volumes stay.
     */
    private static void storage(Json json, CostReport report) {
        CostReport.Storage s = report.storage();
        json.startObject("savings")
                .money("computeHourly", report.totals().savingHourly())
                .money("computeMonthly", report.totals().savingMonthly())
                .money("storageMonthly", 0.0)
                .money("storageKeptMonthly", s.keptMonthly())
                .endObject();
        json.startObject("storage")
                .field("volumes", s.volumes().size())
                .field("totalGb", s.totalGb())
                .money("monthly", s.monthly())
                .field("unpriced", s.unpriced())
                .money("keptBySweepingMonthly", s.keptMonthly());
        json.startArray("resources");
        for (CostReport.Volume v : s.volumes()) {
            json.startObject()
                    .field("kind", v.kind().id())
                    .field("name", v.name())
                    .field("region", v.region())
                    .field("status", v.status())
                    .field("verdict", v.verdict().name())
                    .field("sizeGb", v.sizeGb())
                    .money("monthlyCost", v.monthlyCost())
                    .field("sweepable", v.sweepable())
                    .endObject();
        }
        json.endArray().endObject();
    }

    private static void totals(Json json, CostReport.Totals t) {
        json.field("resources", t.resources())
                .field("idle", t.idle())
                .field("active", t.active())
                .field("tooYoung", t.tooYoung())
                .field("unknown", t.unknown())
                .field("protectedIdle", t.protectedIdle())
                .field("sweepable", t.sweepable())
                .field("exempt", t.exempt())
                .field("unpriced", t.unpriced())
                // additive: of the idle and of the sweepable, how many have no known price (in no total)
                .field("idleUnpriced", t.idleUnpriced())
                .field("sweepableUnpriced", t.sweepableUnpriced())
                .money("hourly", t.hourly())
                .money("monthly", t.monthly())
                .money("idleHourly", t.idleHourly())
                .money("idleMonthly", t.idleMonthly())
                .money("savingHourly", t.savingHourly())
                .money("savingMonthly", t.savingMonthly());
    }

    private static void line(Json json, CostReport.Line l) {
        json.startObject()
                .field("kind", l.kind().id())
                .field("name", l.name())
                .field("region", l.region())
                .field("verdict", l.verdict().name())
                .field("protected", l.isProtected())
                .field("instanceType", l.instanceType())
                .field("instanceCount", l.instanceCount())
                .money("hourlyCost", l.hourlyCost())
                .money("monthlyCost", l.monthlyCost())
                .field("priceRegion", l.priceRegion()) // additive: whose prices, when borrowed; null when its own
                .field("priceSource", l.priceSource() == null ? null : l.priceSource().id()) // additive
                .field("idleFor", l.isIdle() ? l.idleForText() : null)
                .field("idleForSeconds", l.idleFor() == null ? null : l.idleFor().getSeconds())
                .field("idleForIsAge", l.isIdle() ? Boolean.valueOf(l.idleForIsAge()) : null)
                .field("sweepable", l.sweepable())
                .field("reason", l.reason())
                .field("signal", l.signal()) // additive: which signal decided (notebooks)
                .endObject();
    }
}
