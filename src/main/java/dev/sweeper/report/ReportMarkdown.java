package dev.sweeper.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The cost report as GitHub-flavoured markdown, to paste into a ticket or a pull request. */
final class ReportMarkdown {
    private static final List<String> LINE_HEADERS = List.of("Name", "Region", "Verdict", "Protected", "Type",
            "$/h", "$/month", "Idle for", "Reason");
    private static final List<String> IDLE_HEADERS = List.of("Kind", "Name", "Region", "Protected", "Type",
            "$/h", "$/month", "Idle for", "Reason");
    private static final List<String> TOTAL_HEADERS = List.of("Kind", "Running", "Idle", "Exempt", "$/h",
            "$/month", "Idle $/h", "Saving $/h", "Saving $/month");
    private static final List<String> COUNT_HEADERS = List.of("Running", "Idle", "Exempt");

    private ReportMarkdown() {
    }

    static void render(CostReport report, PrintWriter out) {
        CostReport.Totals t = report.totals();
        out.println("# SageMaker cost report");
        out.println();
        out.println("Evaluated **" + Formats.iso(report.evaluatedAt()) + "** over a **"
                + Formats.windowText(report.window()) + "** window. **" + t.resources()
                + "** running resources cost **" + t.hourlyText() + "/h** (**"
                + t.monthlyText() + "/month**); **" + t.idle() + "** idle cost **"
                + t.idleHourlyText() + "/h**. Sweeping the **" + t.sweepable()
                + "** unprotected idle resources would save **" + t.savingHourlyText() + "/h** (**"
                + t.savingMonthlyText() + "/month**) of compute. " + t.exempt()
                + " exempt resources cost no compute while idle."
                + (t.unpriced() > 0 ? " " + unpricedSentence(t.unpriced()) : ""));

        out.println();
        out.println("## Totals");
        out.println();
        List<List<String>> totals = new ArrayList<>();
        for (CostReport.KindSection s : report.kinds()) {
            totals.add(totalsRow(Formats.kindTitle(s.kind()), s.totals()));
        }
        totals.add(totalsRow("**All**", t));
        table(out, TOTAL_HEADERS, totals);

        out.println();
        out.println("## Biggest idle spenders");
        out.println();
        List<CostReport.Line> idle = report.idleLines();
        if (idle.isEmpty()) {
            out.println("Nothing is idle.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (CostReport.Line l : idle) {
                List<String> row = new ArrayList<>();
                row.add(l.kind().id());
                row.addAll(lineCells(l, false));
                rows.add(row);
            }
            table(out, IDLE_HEADERS, rows);
        }

        for (CostReport.KindSection s : report.kinds()) {
            out.println();
            out.println("## " + Formats.kindTitle(s.kind()));
            out.println();
            if (s.lines().isEmpty()) {
                String none = Formats.noneRunning(s.kind());
                out.println(Character.toUpperCase(none.charAt(0)) + none.substring(1) + " (" + s.totals().exempt()
                        + " exempt).");
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (CostReport.Line l : s.lines()) {
                rows.add(lineCells(l, true));
            }
            table(out, LINE_HEADERS, rows);
        }

        if (!report.storage().volumes().isEmpty()) {
            out.println();
            out.println("## Storage that outlives compute");
            out.println();
            out.println(ReportText.storageSentence(report));
            out.println();
            List<List<String>> rows = new ArrayList<>();
            for (CostReport.Volume v : report.storage().volumes()) {
                rows.add(List.of(v.kind().id(), inline(v.name()), v.region(), nzText(v.status()), v.verdict().name(),
                        String.valueOf(v.sizeGb()), Formats.monthly(v.monthlyCost()), v.sweepable() ? "yes" : "no"));
            }
            table(out, List.of("Kind", "Volume of", "Region", "Status", "Verdict", "GB", "$/month",
                    "Stays when swept"), rows);
        }
        if (!report.studioIdleShutdownOff().isEmpty()) {
            out.println();
            out.println("## Studio idle shutdown is off");
            out.println();
            out.println("Turning Studio's own idle shutdown on is the lasting fix for idle JupyterLab and Code Editor apps here:");
            out.println();
            for (CostReport.StudioPlace p : report.studioIdleShutdownOff()) {
                out.println("- " + inline(p.label()) + ": " + Formats.plural(p.runningApps(), "running app") + ", "
                        + Formats.hourly(p.hourlyCost()) + "/h");
            }
        }
        if (!report.notebooksWithoutAutostop().isEmpty()) {
            out.println();
            out.println("## Notebooks without an idle checker");
            out.println();
            out.println("They do not stop themselves when idle; `sweeper autostop-notebooks` installs the checker:");
            out.println();
            for (CostReport.UncoveredNotebook n : report.notebooksWithoutAutostop()) {
                out.println("- " + inline(n.name()) + " (" + n.region() + ", " + n.status() + "): " + inline(n.detail()));
            }
        }
        if (!report.unpriced().isEmpty()) {
            out.println();
            out.println("## Unknown prices");
            out.println();
            for (CostReport.UnpricedType u : report.unpriced()) {
                out.println("- `" + u.instanceType().replace("`", "'") + "`: "
                        + Formats.plural(u.count(), "resource"));
            }
        }
        if (!report.problems().isEmpty()) {
            out.println();
            out.println("## Problems");
            out.println();
            for (String p : report.problems()) {
                out.println("- " + inline(p));
            }
        }
        out.println();
        out.println("_" + ReportText.priceNote() + "_");
        if (report.borrowedNote() != null) {
            out.println();
            out.println("_" + inline(report.borrowedNote()).replace("*", "\\*") + "_");
        }
    }

    static String unpricedSentence(int n) {
        return (n == 1 ? "1 resource has an unknown price and is in no total"
                : n + " resources have unknown prices and are in no total") + " (a total that leaves one out reads"
                + " \"+ ?\"; they are listed after the priced ones).";
    }

    private static List<String> lineCells(CostReport.Line l, boolean withVerdict) {
        List<String> row = new ArrayList<>();
        row.add(l.label());
        row.add(l.region() == null ? "" : l.region());
        if (withVerdict) {
            row.add(l.verdict().name());
        }
        row.add(Formats.protectedWord(l.isProtected()));
        row.add(ReportText.typeAndCount(l));
        row.add(Formats.hourly(l.hourlyCost(), l.priceRegion()) + Formats.sourceMark(l.priceSource()));
        row.add(Formats.monthly(l.monthlyCost(), l.priceRegion()));
        row.add(l.idleForText());
        row.add(l.reason());
        return row;
    }

    private static List<String> totalsRow(String label, CostReport.Totals t) {
        return List.of(label, String.valueOf(t.resources()), String.valueOf(t.idle()), String.valueOf(t.exempt()),
                t.hourlyText(), t.monthlyText(), t.idleHourlyText(), t.savingHourlyText(), t.savingMonthlyText());
    }

    /** A table whose money and count columns are right-aligned. */
    private static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        out.println(row(headers));
        StringBuilder sep = new StringBuilder("|");
        for (int i = 0; i < headers.size(); i++) {
            boolean numeric = headers.get(i).contains("$") || COUNT_HEADERS.contains(headers.get(i));
            sep.append(numeric ? "---:|" : "---|");
        }
        out.println(sep);
        for (List<String> r : rows) {
            out.println(row(r));
        }
    }

    private static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder("|");
        for (String c : cells) {
            sb.append(' ').append(cell(c)).append(" |");
        }
        return sb.toString();
    }

    /** One table cell: a pipe would end the cell and a line break the row, so neither survives as is. */
    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return inline(text).replace("|", "\\|");
    }

    /** Inline text: one line, and no angle bracket that a renderer would take for HTML. */
    static String inline(String text) {
        return text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ')
                .replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String nzText(String s) {
        return s == null ? "-" : s;
    }
}
