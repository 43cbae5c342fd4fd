package dev.sweeper.report;

import dev.sweeper.core.Money;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The cost report for a terminal: a summary, one aligned section per kind, totals, then notes. */
final class ReportText {
    private static final List<String> LINE_HEADERS = List.of("NAME", "REGION", "VERDICT", "PROT", "TYPE\u00d7COUNT",
            "COST/H", "COST/MONTH", "IDLE FOR", "REASON");
    private static final List<String> TOTAL_HEADERS = List.of("KIND", "RUNNING", "IDLE", "EXEMPT", "COST/H",
            "COST/MONTH", "IDLE/H", "SAVING/H", "SAVING/MONTH");

    private ReportText() {
    }

    static void render(CostReport report, PrintWriter out) {
        CostReport.Totals t = report.totals();
        out.println("SageMaker cost report: evaluated " + Formats.iso(report.evaluatedAt())
                + ", window " + Formats.windowText(report.window()));
        out.println(summarySentence(report));
        for (CostReport.KindSection section : report.kinds()) {
            out.println();
            CostReport.Totals kt = section.totals();
            out.println(Formats.kindTitle(section.kind()) + " (" + kt.resources() + " running, " + kt.idle()
                    + " idle, " + kt.exempt() + " exempt)");
            if (section.lines().isEmpty()) {
                out.println("  " + Formats.noneRunning(section.kind()));
                continue;
            }
            TextTable table = new TextTable(LINE_HEADERS,
                    TextTable.right(LINE_HEADERS, "COST/H", "COST/MONTH", "IDLE FOR"));
            for (CostReport.Line l : section.lines()) {
                table.add(List.of(
                        Formats.truncate(l.label(), 48),
                        l.region() == null ? "" : l.region(),
                        l.verdict().name(),
                        Formats.protectedWord(l.isProtected()),
                        typeAndCount(l),
                        Formats.hourly(l.hourlyCost()) + Formats.sourceMark(l.priceSource()),
                        Formats.monthly(l.monthlyCost()),
                        l.idleForText(),
                        Formats.truncate(l.reason(), 70)));
            }
            table.print(out);
        }
        out.println();
        out.println("Totals");
        TextTable totals = new TextTable(TOTAL_HEADERS, TextTable.right(TOTAL_HEADERS, TOTAL_HEADERS.subList(1,
                TOTAL_HEADERS.size()).toArray(String[]::new)));
        for (CostReport.KindSection section : report.kinds()) {
            totals.add(totalsRow(section.kind().id(), section.totals()));
        }
        totals.add(totalsRow("all", t));
        totals.print(out);
        notes(report, out);
    }

    static String summarySentence(CostReport report) {
        CostReport.Totals t = report.totals();
        return Formats.plural(t.resources(), "running resource") + " cost " + Formats.hourly(t.hourly()) + "/h ("
                + Formats.monthly(t.monthly()) + "/month); " + t.idle() + " idle cost "
                + Formats.hourly(t.idleHourly()) + "/h; sweeping the " + Formats.plural(t.sweepable(), "unprotected idle resource") + " would save "
                + Formats.hourly(t.savingHourly()) + "/h (" + Formats.monthly(t.savingMonthly()) + "/month) of compute. "
                + t.exempt() + " exempt (no compute cost while idle)"
                + (t.unpriced() > 0 ? "; " + t.unpriced() + " with unknown prices, not in the totals." : ".");
    }

    /**
     * {@code Storage that outlives compute: 2 volumes (150 GB) cost $18.20/month, running or stopped; sweeping
     * saves compute only: $7.00/month of that storage stays on the resources it would stop.} Empty when there
     * is no volume.
     */
    static String storageSentence(CostReport report) {
        CostReport.Storage s = report.storage();
        if (s.volumes().isEmpty()) {
            return "";
        }
        return "Storage that outlives compute: " + Formats.plural(s.volumes().size(), "volume") + " ("
                + s.totalGb() + " GB) cost " + Formats.monthly(s.monthly()) + "/month, running or stopped"
                + (s.unpriced() > 0 ? " (" + s.unpriced() + " with unknown prices, not in that sum)" : "")
                + "; sweeping saves compute only: " + Formats.monthly(s.keptMonthly())
                + "/month of that storage stays on the resources it would stop or delete.";
    }

    /** One volume: {@code dev-carol (us-east-1, Stopped): 50 GB, $7.00/month}. */
    static String volumeText(CostReport.Volume v) {
        return v.name() + " (" + v.region() + ", " + v.status() + "): " + v.sizeGb() + " GB, "
                + Formats.monthly(v.monthlyCost()) + "/month" + (v.sweepable() ? ", idle: stays when swept" : "");
    }

    static String typeAndCount(CostReport.Line l) {
        if (l.instanceType() == null) {
            return "";
        }
        return l.instanceCount() == null ? l.instanceType() : l.instanceType() + "\u00d7" + l.instanceCount();
    }

    private static List<String> totalsRow(String label, CostReport.Totals t) {
        List<String> row = new ArrayList<>();
        row.add(label);
        row.add(String.valueOf(t.resources()));
        row.add(String.valueOf(t.idle()));
        row.add(String.valueOf(t.exempt()));
        row.add(Formats.hourly(t.hourly()));
        row.add(Formats.monthly(t.monthly()));
        row.add(Formats.hourly(t.idleHourly()));
        row.add(Formats.hourly(t.savingHourly()));
        row.add(Formats.monthly(t.savingMonthly()));
        return row;
    }

    private static void notes(CostReport report, PrintWriter out) {
        if (!report.unpriced().isEmpty()) {
            out.println();
            out.println("Unknown prices (not in any total):");
            for (CostReport.UnpricedType u : report.unpriced()) {
                out.println("  " + u.instanceType() + ": " + Formats.plural(u.count(), "resource"));
            }
        }
        if (!report.storage().volumes().isEmpty()) {
            out.println();
            out.println(storageSentence(report));
            for (CostReport.Volume v : report.storage().volumes()) {
                out.println("  " + v.kind().id() + " " + volumeText(v));
            }
        }
        if (!report.studioIdleShutdownOff().isEmpty()) {
            out.println();
            out.println("Studio idle shutdown is off in (turning it on is the lasting fix):");
            for (CostReport.StudioPlace p : report.studioIdleShutdownOff()) {
                out.println("  " + p.label() + ": " + Formats.plural(p.runningApps(), "running app") + ", "
                        + Formats.hourly(p.hourlyCost()) + "/h");
            }
        }
        if (!report.notebooksWithoutAutostop().isEmpty()) {
            out.println();
            out.println("Notebooks that do not stop themselves when idle (sweeper autostop-notebooks installs the checker):");
            for (CostReport.UncoveredNotebook n : report.notebooksWithoutAutostop()) {
                out.println("  " + n.name() + " (" + n.region() + ", " + n.status() + "): " + n.detail());
            }
        }
        out.println();
        out.println(priceNote());
        for (String problem : report.problems()) {
            out.println("! " + problem);
        }
    }

    static String priceNote() {
        return "Prices are AWS's on-demand list prices in USD, before Savings Plans, credits or discounts (marked "
                + "(team) or (bundled) where a team's price table or the bundled one gave them); monthly = hourly \u00d7 " + (int) Money.HOURS_PER_MONTH
                + " h; storage is priced per GB-month. Idle time is at least the evaluation window, or a Studio app's age under the age rule.";
    }
}
